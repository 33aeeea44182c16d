#include "policy/simulation/input_checks.h"

#include "absl/strings/strip.h"
#include "policy/evaluate/request.h"

namespace iamsim {

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

}  // namespace iamsim
