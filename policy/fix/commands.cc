#include "policy/fix/commands.h"

#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "policy/arn/arn.h"
#include "policy/arn/principal_arn.h"
#include "policy/json/json_patch.h"

namespace iamsim {

std::string ShellQuote(absl::string_view text) {
  return absl::StrCat("'", absl::StrReplaceAll(text, {{"'", "'\\''"}}), "'");
}

bool ServiceSendsSourceAccount(absl::string_view service) {
  return service == "s3.amazonaws.com" || service == "ses.amazonaws.com" ||
         service == "logs.amazonaws.com";
}

std::string LambdaAddPermission(const LambdaPermission& p) {
  ArnParts parts;
  std::string function = p.function_arn, qualifier;
  if (SplitArn(p.function_arn, &parts)) {
    std::vector<std::string> pieces = absl::StrSplit(parts[5], ':');
    if (pieces.size() == 3) {  // function:NAME:QUALIFIER
      qualifier = pieces[2];
      function = p.function_arn.substr(0, p.function_arn.size() - qualifier.size() - 1);
    }
  }
  std::string out = absl::StrCat("aws lambda add-permission");
  if (SplitArn(p.function_arn, &parts) && !parts[3].empty()) {
    absl::StrAppend(&out, " --region ", parts[3]);
  }
  absl::StrAppend(&out, " --function-name ", ShellQuote(function));
  if (!qualifier.empty()) absl::StrAppend(&out, " --qualifier ", ShellQuote(qualifier));
  absl::StrAppend(&out, " --statement-id ", ShellQuote(p.statement_id), " --action ",
                  ShellQuote(p.action), " --principal ", ShellQuote(p.principal));
  if (!p.source_arn.empty()) absl::StrAppend(&out, " --source-arn ", ShellQuote(p.source_arn));
  if (!p.source_account.empty()) {
    absl::StrAppend(&out, " --source-account ", ShellQuote(p.source_account));
  }
  if (!p.function_url_auth_type.empty()) {
    absl::StrAppend(&out, " --function-url-auth-type ", ShellQuote(p.function_url_auth_type));
  }
  return out;
}

std::string PutInlinePolicy(absl::string_view principal_arn, absl::string_view policy_name,
                            absl::string_view document) {
  std::optional<PrincipalArn> arn = ParsePrincipalArn(principal_arn);
  if (!arn) return "";
  if (arn->kind == PrincipalArnKind::kRole) {
    return absl::StrCat("aws iam put-role-policy --role-name ", ShellQuote(arn->name),
                        " --policy-name ", ShellQuote(policy_name), " --policy-document ",
                        ShellQuote(document));
  }
  if (arn->kind == PrincipalArnKind::kUser) {
    return absl::StrCat("aws iam put-user-policy --user-name ", ShellQuote(arn->name),
                        " --policy-name ", ShellQuote(policy_name), " --policy-document ",
                        ShellQuote(document));
  }
  return "";
}

std::string CreateDefaultPolicyVersion(absl::string_view policy_arn, absl::string_view document) {
  return absl::StrCat("aws iam create-policy-version --policy-arn ", ShellQuote(policy_arn),
                      " --policy-document ", ShellQuote(document), " --set-as-default");
}

std::string PutResourcePolicy(absl::string_view resource_arn, PolicyType type,
                              absl::string_view document) {
  ArnParts parts;
  if (!SplitArn(resource_arn, &parts)) return "";
  const std::string region = parts[3].empty() ? "" : absl::StrCat(" --region ", parts[3]);
  if (type == PolicyType::kRoleTrust) {
    std::optional<PrincipalArn> role = ParsePrincipalArn(resource_arn);
    if (!role || role->kind != PrincipalArnKind::kRole) return "";
    return absl::StrCat("aws iam update-assume-role-policy --role-name ", ShellQuote(role->name),
                        " --policy-document ", ShellQuote(document));
  }
  const absl::string_view service = parts[2];
  if (service == "s3" && !parts[5].empty() && parts[5].find('/') == absl::string_view::npos) {
    return absl::StrCat("aws s3api put-bucket-policy --bucket ", ShellQuote(parts[5]), " --policy ",
                        ShellQuote(document));
  }
  if (service == "sqs") {
    const std::string url =
        absl::StrCat("https://sqs.", parts[3], ".amazonaws.com/", parts[4], "/", parts[5]);
    return absl::StrCat(
        "aws sqs set-queue-attributes", region, " --queue-url ", ShellQuote(url), " --attributes ",
        ShellQuote(absl::StrCat("{\"Policy\": ", JsonStringLiteral(document), "}")));
  }
  if (service == "sns") {
    return absl::StrCat("aws sns set-topic-attributes", region, " --topic-arn ",
                        ShellQuote(resource_arn), " --attribute-name Policy --attribute-value ",
                        ShellQuote(document));
  }
  if (service == "kms" && absl::StartsWith(parts[5], "key/")) {
    return absl::StrCat("aws kms put-key-policy", region, " --key-id ", ShellQuote(resource_arn),
                        " --policy-name default --policy ", ShellQuote(document));
  }
  return "";
}

std::string AssumeRoleWithSessionPolicy(absl::string_view role_arn, absl::string_view session,
                                        absl::string_view document) {
  return absl::StrCat("aws sts assume-role --role-arn ", ShellQuote(role_arn),
                      " --role-session-name ", ShellQuote(session), " --policy ",
                      ShellQuote(document));
}

}  // namespace iamsim
