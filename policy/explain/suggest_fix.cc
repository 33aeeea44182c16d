// SuggestFix: one change that would allow an implicitly denied request.
#include "policy/explain/suggest_fix.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace iamsim {

std::string SuggestFix(const PreparedRequest& request, const Decision& decision) {
  if (decision.kind != DecisionKind::kImplicitDeny) return "";
  // A statement failed only for want of a context key: a grant without that
  // condition would drop a check someone wrote on purpose.
  if (!decision.missing_keys.empty()) {
    std::vector<absl::string_view> names;
    for (const ContextKey* key : decision.missing_keys) names.push_back(key->name);
    const bool one = names.size() == 1;
    return absl::StrCat(
        "give ", absl::StrJoin(names, ", "), " in the request context: a statement ",
        one ? "needs it and the request lacks it" : "needs them and the request lacks them");
  }
  const Caller& caller = request.caller();
  if (decision.reason == DenyReason::kResource && request.resource_service() == "lambda" &&
      absl::StartsWith(request.action_lower(), "lambda:")) {
    // Never suggest making a function public.
    if (caller.type == CallerType::kAnonymous) return "";
    const absl::string_view principal = caller.type == CallerType::kService ? caller.name
                                        : caller.type == CallerType::kRole  ? caller.principal_arn
                                                                            : caller.arn;
    std::string fix = absl::StrCat("aws lambda add-permission --function-name ", request.resource(),
                                   " --statement-id iamsim-suggested --action ", request.action(),
                                   " --principal ", principal);
    if (caller.type == CallerType::kService) {
      // Pin a service grant to the calling resource and its account
      // (confused deputy); S3 bucket ARNs carry no account, so both.
      auto given = [&](absl::string_view key) -> std::string {
        const ContextEntry* e = request.FindContext(key);
        return e != nullptr && e->values.size() == 1 ? e->values[0] : "";
      };
      const std::string arn = given("aws:sourcearn");
      const std::string account = given("aws:sourceaccount");
      absl::StrAppend(&fix, " --source-arn ", arn.empty() ? "<ARN of the calling resource>" : arn,
                      " --source-account ", account.empty() ? "<its account id>" : account);
    }
    return fix;
  }
  if (decision.reason == DenyReason::kIdentity) {
    return absl::StrCat(
        "add to the caller's identity policies: {\"Effect\": \"Allow\", \"Action\": \"",
        request.action(), "\", \"Resource\": \"", request.resource(), "\"}");
  }
  return "";
}

}  // namespace iamsim
