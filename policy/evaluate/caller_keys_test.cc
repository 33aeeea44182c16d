// SourceOfKey over a table of keys, one row per family of caller_keys.h.
#include "policy/evaluate/caller_keys.h"

#include <cctype>
#include <string>

#include "gtest/gtest.h"

namespace iamsim {
namespace {

struct Row {
  const char* key;
  KeySource source;
};

constexpr Row kRows[] = {
    {"aws:PrincipalArn", KeySource::kPrincipal},
    {"aws:PrincipalAccount", KeySource::kPrincipal},
    {"aws:PrincipalType", KeySource::kPrincipal},
    {"aws:PrincipalTag/team", KeySource::kPrincipal},
    {"aws:PrincipalIsAWSService", KeySource::kPrincipal},
    {"aws:PrincipalServiceName", KeySource::kPrincipal},
    {"aws:PrincipalServiceNamesList", KeySource::kPrincipal},
    {"aws:userid", KeySource::kPrincipal},
    {"aws:username", KeySource::kPrincipal},
    {"kms:CallerAccount", KeySource::kPrincipal},
    {"aws:PrincipalOrgID", KeySource::kPrincipalOrg},
    {"aws:PrincipalOrgPaths", KeySource::kPrincipalOrg},
    {"aws:SourceIp", KeySource::kNetwork},
    {"aws:SourceVpc", KeySource::kNetwork},
    {"aws:SourceVpce", KeySource::kNetwork},
    {"aws:VpcSourceIp", KeySource::kNetwork},
    {"aws:Ec2InstanceSourceVpc", KeySource::kNetwork},
    {"aws:Ec2InstanceSourcePrivateIPv4", KeySource::kNetwork},
    {"ec2:SourceInstanceARN", KeySource::kNetwork},
    {"s3:DataAccessPointAccount", KeySource::kNetwork},
    {"s3:DataAccessPointArn", KeySource::kNetwork},
    {"aws:SourceAccount", KeySource::kSourceService},
    {"aws:SourceArn", KeySource::kSourceService},
    {"aws:SourceOwner", KeySource::kSourceService},
    {"lambda:EventSourceToken", KeySource::kSourceService},
    {"kms:EncryptionContext:aws:logs:arn", KeySource::kSourceService},
    {"kms:EncryptionContext:aws:cloudtrail:arn", KeySource::kSourceService},
    {"kms:EncryptionContext:team", KeySource::kCaller},
    {"aws:SourceOrgID", KeySource::kSourceService},
    {"aws:SourceOrgPaths", KeySource::kSourceService},
    {"aws:ResourceAccount", KeySource::kResource},
    {"aws:ResourceOrgID", KeySource::kResource},
    {"aws:ResourceOrgPaths", KeySource::kResource},
    {"aws:ResourceTag/env", KeySource::kResource},
    {"aws:CurrentTime", KeySource::kAws},
    {"aws:EpochTime", KeySource::kAws},
    {"aws:TokenIssueTime", KeySource::kAws},
    {"aws:RequestedRegion", KeySource::kAws},
    {"aws:SecureTransport", KeySource::kCaller},
    {"aws:MultiFactorAuthPresent", KeySource::kCaller},
    {"aws:RequestTag/env", KeySource::kCaller},
    {"aws:TagKeys", KeySource::kCaller},
    {"sts:ExternalId", KeySource::kCaller},
    {"s3:x-amz-acl", KeySource::kCaller},
    {"lambda:FunctionUrlAuthType", KeySource::kCaller},
    // Near misses of the table's names are the caller's.
    {"aws:SourceIpAddress", KeySource::kCaller},
    {"aws:Resource", KeySource::kCaller},
    {"kms:CallerAccountX", KeySource::kCaller},
};

TEST(CallerKeysTest, SourceOfKey) {
  for (const Row& row : kRows) {
    EXPECT_EQ(SourceOfKey(row.key), row.source) << row.key;
  }
}

TEST(CallerKeysTest, IgnoresCase) {
  for (const Row& row : kRows) {
    std::string lower = row.key;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string upper = row.key;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    EXPECT_EQ(SourceOfKey(lower), row.source) << lower;
    EXPECT_EQ(SourceOfKey(upper), row.source) << upper;
  }
}

}  // namespace
}  // namespace iamsim
