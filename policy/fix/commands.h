// File: policy/fix/commands.h (internal to policy/fix)
//
// The AWS CLI command equivalent to an edit, where one exists. Every command
// is complete (no <...> placeholders), JSON arguments are single-quoted, and
// each passes `bash -n`.
#ifndef IAMSIM_POLICY_FIX_COMMANDS_H_
#define IAMSIM_POLICY_FIX_COMMANDS_H_

#include <string>

#include "absl/strings/string_view.h"
#include "policy/parse/policy_type.h"

namespace iamsim {

// A shell word in single quotes.
std::string ShellQuote(absl::string_view text);

// Whether `service` puts aws:SourceAccount in the requests it makes to
// Lambda on behalf of a resource, so that a grant may pin it. Sources: the
// Lambda API reference (AddPermission: "SourceAccount ... For Amazon S3, the
// ID of the account that owns the resource"), the Lambda developer guide for
// S3 and CloudWatch Logs subscriptions, and the SES developer guide
// (receipt-rule Lambda actions). API Gateway, SNS and EventBridge send
// aws:SourceArn only (their ARNs carry the account).
bool ServiceSendsSourceAccount(absl::string_view service);

struct LambdaPermission {
  std::string function_arn;  // Qualified or not.
  std::string statement_id;
  std::string action;
  std::string principal;  // Account id, IAM ARN, or service name.
  std::string source_arn, source_account;
  std::string function_url_auth_type;
};
// aws lambda add-permission ... (--qualifier from a qualified ARN).
std::string LambdaAddPermission(const LambdaPermission& p);

// aws iam put-role-policy / put-user-policy with a new inline policy; ""
// for other principals.
std::string PutInlinePolicy(absl::string_view principal_arn, absl::string_view policy_name,
                            absl::string_view document);

// The command that replaces a resource's whole policy with `document`
// (S3 bucket, SQS queue, SNS topic, KMS key, role trust policy); "" for
// resources without one.
std::string PutResourcePolicy(absl::string_view resource_arn, PolicyType type,
                              absl::string_view document);

// aws iam create-policy-version --set-as-default: a managed policy (an
// identity policy or a boundary) with `document` as its new default version.
std::string CreateDefaultPolicyVersion(absl::string_view policy_arn, absl::string_view document);

// aws sts assume-role with a session policy.
std::string AssumeRoleWithSessionPolicy(absl::string_view role_arn, absl::string_view session,
                                        absl::string_view document);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_FIX_COMMANDS_H_
