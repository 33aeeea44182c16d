// File: policy/arn/principal_arn.h
//
// The one parser of principal ARNs, used wherever a principal is read: the
// policy parser (Principal values), the compiler (how a Principal entry names
// its principal) and request preparation (who the caller is).
//
//   arn:PARTITION:iam::ACCOUNT:root
//   arn:PARTITION:iam::ACCOUNT:user/PATH/NAME      (PATH may be empty)
//   arn:PARTITION:iam::ACCOUNT:role/PATH/NAME
//   arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION
//   arn:PARTITION:sts::ACCOUNT:federated-user/NAME
//
// IAM and STS ARNs have no region; the account is twelve digits; principals
// have no wildcards; names (users, roles, sessions, federated users) are
// letters, digits and +=,.@_- and paths printable ASCII without spaces, as
// IAM and STS accept them. Also: IAM unique ids (AIDA... for users, AROA... for
// roles), which IAM writes into policies in place of a deleted principal.
//
// All views point into the text given, which must outlive the result.
// Nothing allocates except the *Problem functions.
#ifndef IAMSIM_POLICY_ARN_PRINCIPAL_ARN_H_
#define IAMSIM_POLICY_ARN_PRINCIPAL_ARN_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace iamsim {

enum class PrincipalArnKind { kRoot, kUser, kRole, kAssumedRole, kFederatedUser };

struct PrincipalArn {
  PrincipalArnKind kind = PrincipalArnKind::kRoot;
  absl::string_view partition;
  absl::string_view account;
  absl::string_view path;     // Users and roles: between "role/" and the name, "" or "a/b/".
  absl::string_view name;     // User, role or federated-user name; the role of a session.
  absl::string_view session;  // Assumed-role session name.
};

// nullopt unless `text` is one of the forms above.
std::optional<PrincipalArn> ParsePrincipalArn(absl::string_view text);

// Why `text` is not a principal ARN, or "" when it is.
std::string PrincipalArnProblem(absl::string_view text);

// The partitions AWS has: aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b,
// aws-iso-e, aws-iso-f, aws-eusc.
bool IsKnownPartition(absl::string_view partition);
// A small number per partition name, for cheap comparisons: 0 for "aws",
// 1..7 for the others above, kOtherPartition for any other name.
inline constexpr uint8_t kOtherPartition = 255;
uint8_t PartitionId(absl::string_view partition);

enum class UniqueIdKind { kUser, kRole };
// AIDA... (user) or AROA... (role) followed by upper-case letters and digits
// (21 characters in all, as IAM makes them; 16 to 128 accepted).
std::optional<UniqueIdKind> ParseUniqueId(absl::string_view text);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_ARN_PRINCIPAL_ARN_H_
