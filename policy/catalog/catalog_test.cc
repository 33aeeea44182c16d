// The embedded catalog against facts of the service reference it was
// compiled from (policy/data/service-reference).
#include "policy/catalog/catalog.h"

#include "gtest/gtest.h"
#include "policy/catalog/catalog_builder.h"

namespace iamsim {
namespace {

TEST(CatalogTest, KnowsServicesActionsAndTheirShapes) {
  const Catalog& c = Catalog::Default();
  EXPECT_GT(c.service_count(), 400u);
  EXPECT_GT(c.action_count(), 20000u);
  EXPECT_TRUE(c.HasService("lambda"));
  EXPECT_TRUE(c.HasService("Lambda"));
  EXPECT_FALSE(c.HasService("lambdas"));
  std::optional<Catalog::Action> invoke = c.FindAction("LAMBDA:invokefunction");
  ASSERT_TRUE(invoke);
  EXPECT_EQ(invoke->service, "lambda");
  EXPECT_EQ(invoke->name, "InvokeFunction");
  EXPECT_EQ(invoke->access_level, AccessLevel::kWrite);
  std::vector<Catalog::ActionResource> resources = c.ActionResources(*invoke);
  ASSERT_FALSE(resources.empty());
  EXPECT_EQ(resources[0].name, "function");
  EXPECT_TRUE(resources[0].required);
  std::optional<Catalog::ResourceType> function = c.FindResourceType("lambda", "function");
  ASSERT_TRUE(function);
  ASSERT_FALSE(function->arns.empty());
  EXPECT_EQ(function->arns[0],
            "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}");
  EXPECT_FALSE(c.FindAction("lambda:InvokeFunctions"));
  EXPECT_EQ(c.SuggestAction("lambda:InvokeFunctions"), "lambda:InvokeFunction");
  EXPECT_EQ(c.SuggestAction("lamda:InvokeFunction"), "lambda:InvokeFunction");
  std::optional<Catalog::Action> put = c.FindAction("iam:PutRolePolicy");
  ASSERT_TRUE(put);
  EXPECT_EQ(put->access_level, AccessLevel::kPermissionsManagement);
}

TEST(CatalogTest, ConditionKeysWithTheirTypes) {
  const Catalog& c = Catalog::Default();
  EXPECT_EQ(c.ConditionKeyTypes("aws:SourceIp"), kKeyIpAddress);
  EXPECT_EQ(c.ConditionKeyTypes("AWS:SOURCEARN"), kKeyArn);
  EXPECT_EQ(c.ConditionKeyTypes("aws:TagKeys"), kKeyArrayOfString);
  EXPECT_EQ(c.ConditionKeyTypes("aws:MultiFactorAuthPresent"), kKeyBool);
  EXPECT_EQ(c.ConditionKeyTypes("aws:CurrentTime"), kKeyDate);
  EXPECT_EQ(c.ConditionKeyTypes("aws:PrincipalTag/team"), kKeyString);  // A template.
  EXPECT_EQ(c.ConditionKeyTypes("s3:ExistingObjectTag/Project"), kKeyString);
  EXPECT_EQ(c.ConditionKeyTypes("lambda:FunctionUrlAuthType"), kKeyString);
  EXPECT_TRUE(c.ConditionKeyTypes("s3:max-keys"));
  EXPECT_FALSE(c.ConditionKeyTypes("aws:SourceIpp"));
  EXPECT_TRUE(c.IsGlobalConditionKey("aws:SourceArn"));
  EXPECT_FALSE(c.IsGlobalConditionKey("s3:prefix"));
  EXPECT_EQ(c.SuggestConditionKey("aws:SourceIpp"), "aws:SourceIp");  // As AWS spells it.
}

TEST(CatalogTest, RcpServices) {
  const Catalog& c = Catalog::Default();
  EXPECT_TRUE(c.RcpSupported("s3"));
  EXPECT_TRUE(c.RcpSupported("sts"));
  EXPECT_FALSE(c.RcpSupported("lambda"));
  EXPECT_FALSE(c.RcpSupported("no-such-service"));
}

TEST(CatalogTest, RejectsDamagedCatalogs) {
  EXPECT_FALSE(Catalog::FromBytes("not a catalog").ok());
  absl::StatusOr<std::string> built = BuildCatalog("policy/data/service-reference");
  ASSERT_TRUE(built.ok()) << built.status();
  EXPECT_TRUE(Catalog::FromBytes(*built).ok());
  std::string truncated = built->substr(0, built->size() / 2);
  EXPECT_FALSE(Catalog::FromBytes(truncated).ok());
  std::string damaged = *built;
  damaged[sizeof(uint32_t) * 7 + 3] = '\x7f';  // The actions table's offset, far out.
  EXPECT_FALSE(Catalog::FromBytes(damaged).ok());
  std::string bad_reference = *built;
  // The first service's first action index, beyond the actions.
  const size_t services = *reinterpret_cast<const uint32_t*>(built->data() + 20);
  bad_reference[services + 8 + 3] = '\x7f';
  EXPECT_FALSE(Catalog::FromBytes(bad_reference).ok());
  EXPECT_EQ((*Catalog::FromBytes(*built))->version(), Catalog::Default().version());
}

}  // namespace
}  // namespace iamsim
