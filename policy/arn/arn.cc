#include "policy/arn/arn.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace iamsim {

bool SplitArn(absl::string_view text, ArnParts* parts) {
  size_t begin = 0;
  int field = 0;
  ForEachChar(text, ':', [&](size_t colon) {
    (*parts)[field] = absl::string_view(text.data() + begin, colon - begin);
    begin = colon + 1;
    return ++field < 5;
  });
  if (field < 5) return false;
  (*parts)[5] = absl::string_view(text.data() + begin, text.size() - begin);
  return true;
}

std::optional<Arn> ParseArn(absl::string_view text) {
  ArnParts parts;
  if (!SplitArn(text, &parts) || parts[0] != "arn") return std::nullopt;
  return Arn{parts[1], parts[2], parts[3], parts[4], parts[5]};
}

bool IsAccountId(absl::string_view text) {
  if (text.size() != 12) return false;
  for (char c : text) {
    if (!absl::ascii_isdigit(c)) return false;
  }
  return true;
}

std::string ArnProblem(absl::string_view text) {
  std::optional<Arn> arn = ParseArn(text);
  if (!arn) {
    return "an ARN has the form arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE";
  }
  if (arn->partition.empty()) return "the ARN has an empty partition (e.g. \"aws\")";
  if (arn->service.empty()) return "the ARN has an empty service (e.g. \"lambda\")";
  if (arn->resource.empty()) return "the ARN has an empty resource part";
  if (!arn->account.empty() && !IsAccountId(arn->account)) {
    return "the ARN's account must be twelve digits";
  }
  if (ContainsAnyOf(text.substr(0, text.size() - arn->resource.size()), "*?")) {
    return "a concrete ARN cannot contain wildcards outside its resource part";
  }
  return "";
}

}  // namespace iamsim
