#include "policy/arn/principal_arn.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "policy/arn/arn.h"
#include "policy/arn/byte_scan.h"
#include "policy/diagnostics/diagnostic.h"

namespace iamsim {
namespace {

// IAM user, role and session names and federated-user names are
// [\w+=,.@-]+ (IAM API reference, CreateRole RoleName, AssumeRole
// RoleSessionName); paths are printable ASCII without spaces.
struct NameChars {
  bool name[256] = {};
  bool path[256] = {};
  constexpr NameChars() {
    for (int c = 0x21; c < 0x7f; ++c) path[c] = true;
    for (int c = 'a'; c <= 'z'; ++c) name[c] = name[c - 'a' + 'A'] = true;
    for (int c = '0'; c <= '9'; ++c) name[c] = true;
    for (char c : {'_', '+', '=', ',', '.', '@', '-'}) name[static_cast<unsigned char>(c)] = true;
  }
};
constexpr NameChars kNameChars;

bool AllIn(absl::string_view text, const bool (&allowed)[256]) {
  for (char c : text) {
    if (!allowed[static_cast<unsigned char>(c)]) return false;
  }
  return true;
}

bool IsName(absl::string_view text) { return !text.empty() && AllIn(text, kNameChars.name); }

// "path/name" after "user/" or "role/": the path keeps its slashes.
bool SplitPathName(absl::string_view rest, PrincipalArn* out) {
  if (rest.empty() || rest.back() == '/') return false;
  const size_t slash = rest.rfind('/');
  if (slash == absl::string_view::npos) {
    out->path = absl::string_view();
    out->name = rest;
  } else {
    out->path = rest.substr(0, slash + 1);
    out->name = rest.substr(slash + 1);
  }
  return IsName(out->name) && AllIn(out->path, kNameChars.path);
}

}  // namespace

namespace {

constexpr absl::string_view kPartitions[] = {"aws",       "aws-cn",    "aws-us-gov", "aws-iso",
                                             "aws-iso-b", "aws-iso-e", "aws-iso-f",  "aws-eusc"};

}  // namespace

uint8_t PartitionId(absl::string_view partition) {
  for (uint8_t i = 0; i < sizeof(kPartitions) / sizeof(kPartitions[0]); ++i) {
    if (partition == kPartitions[i]) return i;
  }
  return kOtherPartition;
}

bool IsKnownPartition(absl::string_view partition) {
  return PartitionId(partition) != kOtherPartition;
}

std::optional<PrincipalArn> ParsePrincipalArn(absl::string_view text) {
  ArnParts parts;
  if (!SplitArn(text, &parts) || parts[0] != "arn" || !parts[3].empty() || !IsAccountId(parts[4]) ||
      parts[1].empty() || ContainsAnyOf(text, "*?")) {
    return std::nullopt;
  }
  PrincipalArn out;
  out.partition = parts[1];
  out.account = parts[4];
  absl::string_view resource = parts[5];
  if (parts[2] == "iam") {
    if (resource == "root") {
      out.kind = PrincipalArnKind::kRoot;
      return out;
    }
    if (absl::ConsumePrefix(&resource, "user/")) {
      out.kind = PrincipalArnKind::kUser;
      return SplitPathName(resource, &out) ? std::optional<PrincipalArn>(out) : std::nullopt;
    }
    if (absl::ConsumePrefix(&resource, "role/")) {
      out.kind = PrincipalArnKind::kRole;
      return SplitPathName(resource, &out) ? std::optional<PrincipalArn>(out) : std::nullopt;
    }
    return std::nullopt;
  }
  if (parts[2] != "sts") return std::nullopt;
  if (absl::ConsumePrefix(&resource, "assumed-role/")) {
    const size_t slash = FindChar(resource, '/');
    if (slash == absl::string_view::npos || slash == 0 || slash + 1 >= resource.size()) {
      return std::nullopt;
    }
    out.kind = PrincipalArnKind::kAssumedRole;
    out.name = resource.substr(0, slash);
    out.session = resource.substr(slash + 1);
    if (!IsName(out.name) || !IsName(out.session)) return std::nullopt;
    return out;
  }
  if (absl::ConsumePrefix(&resource, "federated-user/") && IsName(resource)) {
    out.kind = PrincipalArnKind::kFederatedUser;
    out.name = resource;
    return out;
  }
  return std::nullopt;
}

std::string PrincipalArnProblem(absl::string_view text) {
  if (ParsePrincipalArn(text)) return "";
  ArnParts parts;
  if (!SplitArn(text, &parts) || parts[0] != "arn") {
    return "an ARN has the form arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE";
  }
  if (ContainsAnyOf(text, "*?")) {
    return "a principal names one principal: no wildcards (use \"*\" alone, or a condition on "
           "aws:PrincipalArn)";
  }
  if (parts[2] != "iam" && parts[2] != "sts") {
    return absl::StrCat("a principal ARN is an IAM (iam) or STS (sts) ARN, not ", Quote(parts[2]));
  }
  if (!parts[3].empty()) {
    return absl::StrCat("IAM and STS ARNs have no region (", Quote(parts[3]),
                        " given): arn:aws:", parts[2], "::ACCOUNT:...");
  }
  if (!IsAccountId(parts[4])) return "the account must be twelve digits";
  absl::string_view resource = parts[5];
  if (absl::ConsumePrefix(&resource, "user/") || absl::ConsumePrefix(&resource, "role/") ||
      absl::ConsumePrefix(&resource, "assumed-role/") ||
      absl::ConsumePrefix(&resource, "federated-user/")) {
    const std::vector<absl::string_view> names = absl::StrSplit(resource, '/');
    for (size_t i = 0; i < names.size(); ++i) {
      const bool ok = i + 1 == names.size() ? IsName(names[i]) : AllIn(names[i], kNameChars.path);
      if (!ok && !names[i].empty()) {
        return absl::StrCat(Quote(names[i]),
                            " has a character IAM does not allow in a name or path; names have "
                            "only letters, digits and +=,.@_-");
      }
    }
  }
  if (parts[2] == "iam") {
    return "an IAM principal is root, user/NAME or role/NAME (groups are not principals)";
  }
  return "an STS principal is assumed-role/ROLE/SESSION or federated-user/NAME";
}

std::optional<UniqueIdKind> ParseUniqueId(absl::string_view text) {
  if (text.size() < 16 || text.size() > 128) return std::nullopt;
  for (char c : text) {
    if (!absl::ascii_isupper(c) && !absl::ascii_isdigit(c)) return std::nullopt;
  }
  if (absl::StartsWith(text, "AIDA")) return UniqueIdKind::kUser;
  if (absl::StartsWith(text, "AROA")) return UniqueIdKind::kRole;
  return std::nullopt;
}

}  // namespace iamsim
