#include "policy/simulation/input_checks.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "policy/catalog/catalog.h"
#include "policy/conditions/bool.h"
#include "policy/conditions/date.h"
#include "policy/conditions/ip.h"
#include "policy/conditions/numeric.h"
#include "policy/diagnostics/diagnostic.h"
#include "policy/evaluate/request.h"

namespace iamsim {

std::string ContextValueProblem(uint16_t types, absl::string_view value) {
  // A key may have several types; the value must be one of them.
  struct Check {
    uint16_t bits;
    bool (*ok)(absl::string_view);
    const char* what;
  };
  static const Check kChecks[] = {
      {kKeyNumeric | kKeyArrayOfNumeric,
       [](absl::string_view v) { return ParseNumeric(v).has_value(); }, "a number"},
      {kKeyBool | kKeyArrayOfBool,
       [](absl::string_view v) { return ParseBoolValue(v).has_value(); }, "true or false"},
      {kKeyDate | kKeyArrayOfDate,
       [](absl::string_view v) { return ParseDateMillis(v).has_value(); },
       "a date (ISO 8601 such as 2026-11-25T01:02:03Z, or epoch seconds)"},
      {kKeyIpAddress | kKeyArrayOfIpAddress,
       [](absl::string_view v) { return ParseIpRange(v).has_value(); }, "an IP address"},
  };
  const uint16_t string_like =
      kKeyString | kKeyArrayOfString | kKeyArn | kKeyArrayOfArn | kKeyBinary | kKeyArrayOfBinary;
  if (types & string_like) return "";
  std::string expected;
  for (const Check& check : kChecks) {
    if (!(types & check.bits)) continue;
    if (check.ok(value)) return "";
    if (!expected.empty()) expected += " or ";
    expected += check.what;
  }
  return expected.empty()
             ? ""
             : absl::StrCat("is not ", expected, " (the key's type is ", KeyTypeName(types), ")");
}

std::string RequestPartProblem(RequestPart part, absl::string_view value) {
  Request request{"arn:aws:iam::123456789012:user/SimulatedCaller", "s3:GetObject", "*", "",
                  nullptr};
  switch (part) {
    case RequestPart::kPrincipal:
      request.principal = value;
      break;
    case RequestPart::kAction:
      request.action = value;
      break;
    case RequestPart::kResource:
      request.resource = value;
      break;
    case RequestPart::kResourceAccount:
      request.resource_account = value;
      break;
  }
  PreparedRequest prepared;
  const absl::Status status = PreparedRequest::Prepare(request, &prepared);
  if (status.ok()) return "";
  // Prepare names the simulation-file field; leave the naming to the caller.
  // (resourceAccount before resource: one is a prefix of the other.)
  absl::string_view message = status.message();
  for (absl::string_view field :
       {"request.principal", "request.action", "request.resourceAccount", "request.resource"}) {
    if (absl::ConsumePrefix(&message, field)) break;
  }
  return std::string(message);
}

std::string UnknownActionProblem(absl::string_view action) {
  const Catalog& catalog = Catalog::Default();
  const size_t colon = action.find(':');
  if (colon == absl::string_view::npos || catalog.FindAction(action)) return "";
  const absl::string_view service = action.substr(0, colon);
  if (!catalog.HasService(service)) {
    const std::string near = catalog.SuggestService(service);
    return absl::StrCat(Quote(action), ": no AWS service has the prefix ", Quote(service),
                        near.empty() ? "" : absl::StrCat("; did you mean ", Quote(near), "?"),
                        " No policy can grant it by name");
  }
  const std::string near = catalog.SuggestAction(action);
  return absl::StrCat(Quote(action), " is not an action of ", service,
                      near.empty() ? "" : absl::StrCat("; did you mean ", Quote(near), "?"),
                      " No policy can grant it by name");
}

}  // namespace iamsim
