#include "policy/lint/overreach_data.h"

#include <optional>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "policy/json/json_tree.h"

namespace iamsim {
namespace overreach_data_internal {
// Defined in overreach_data_embedded.cc, which the build generates from
// policy/lint/data/*.json.
extern const char kEscalationJson[];
extern const char kDataExfiltrationJson[];
extern const char kResourceExposureJson[];
extern const char kCredentialsExposureJson[];
}  // namespace overreach_data_internal

namespace {

absl::Status Invalid(absl::string_view file, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(file, ": ", what));
}

absl::StatusOr<JsonValue> Parse(absl::string_view file, absl::string_view text) {
  JsonParseResult parsed = ParseJson(text, file);
  if (!parsed.root) {
    return Invalid(
        file, parsed.diagnostics.empty() ? "not JSON" : FormatDiagnostic(parsed.diagnostics[0]));
  }
  if (!parsed.root->is_object()) return Invalid(file, "not a JSON object");
  return std::move(*parsed.root);
}

// The strings of `object[key]`, which must be an array of strings.
absl::StatusOr<std::vector<std::string>> Strings(absl::string_view file, const JsonValue& object,
                                                 absl::string_view key) {
  const JsonValue* list = object.Find(key);
  if (list == nullptr || !list->is_array()) {
    return Invalid(file, absl::StrCat("\"", key, "\" is not an array"));
  }
  std::vector<std::string> out;
  for (const JsonValue& item : list->items) {
    if (!item.is_string() || item.text.find(':') == std::string::npos) {
      return Invalid(file, absl::StrCat("\"", key, "\" holds ", Quote(item.text),
                                        ", not a \"service:Action\" string"));
    }
    out.push_back(item.text);
  }
  return out;
}

std::optional<EscalationScope> ParseScope(absl::string_view text) {
  if (text == "open") return EscalationScope::kOpen;
  if (text == "open-or-self") return EscalationScope::kOpenOrSelf;
  if (text == "any") return EscalationScope::kAny;
  return std::nullopt;
}

absl::StatusOr<EscalationCombination> ParseCombination(absl::string_view file,
                                                       const JsonValue& row) {
  EscalationCombination out;
  const JsonValue* name = row.Find("name");
  if (name == nullptr || !name->is_string() || name->text.empty()) {
    return Invalid(file, "a combination has no \"name\"");
  }
  out.name = name->text;
  absl::StatusOr<std::vector<std::string>> actions = Strings(file, row, "actions");
  if (!actions.ok()) return actions.status();
  if (actions->empty()) return Invalid(file, absl::StrCat(out.name, ": no actions"));
  const JsonValue* scopes = row.Find("scopes");
  if (scopes == nullptr || !scopes->is_object()) {
    return Invalid(file, absl::StrCat(out.name, ": \"scopes\" is not an object"));
  }
  for (const std::string& action : *actions) {
    const JsonValue* scope = scopes->Find(action);
    std::optional<EscalationScope> parsed;
    if (scope != nullptr && scope->is_string()) parsed = ParseScope(scope->text);
    if (!parsed) {
      return Invalid(file, absl::StrCat(out.name, ": ", action,
                                        " has no scope among "
                                        "\"open\", \"open-or-self\", \"any\""));
    }
    out.steps.push_back(EscalationStep{action, *parsed});
  }
  if (scopes->members.size() != out.steps.size()) {
    return Invalid(file, absl::StrCat(out.name, ": \"scopes\" names an action not in \"actions\""));
  }
  if (const JsonValue* service = row.Find("passedToService")) {
    if (!service->is_string()) {
      return Invalid(file, absl::StrCat(out.name, ": \"passedToService\" is not a string"));
    }
    out.passed_to_service = service->text;
  }
  if (const JsonValue* source = row.Find("source"); source != nullptr && source->is_string()) {
    out.source = source->text;
  }
  return out;
}

}  // namespace

absl::StatusOr<OverreachData> ParseOverreachData(absl::string_view escalation_json,
                                                 absl::string_view data_exfiltration_json,
                                                 absl::string_view resource_exposure_json,
                                                 absl::string_view credentials_exposure_json) {
  OverreachData data;
  {
    constexpr absl::string_view kFile = "escalation.json";
    absl::StatusOr<JsonValue> root = Parse(kFile, escalation_json);
    if (!root.ok()) return root.status();
    const JsonValue* rows = root->Find("combinations");
    if (rows == nullptr || !rows->is_array()) {
      return Invalid(kFile, "\"combinations\" is not an array");
    }
    for (const JsonValue& row : rows->items) {
      if (!row.is_object()) return Invalid(kFile, "a combination is not an object");
      absl::StatusOr<EscalationCombination> combination = ParseCombination(kFile, row);
      if (!combination.ok()) return combination.status();
      data.escalations.push_back(std::move(*combination));
    }
  }
  struct ListFile {
    absl::string_view file;
    absl::string_view text;
    std::vector<std::string>* out;
  };
  const ListFile lists[] = {
      {"data-exfiltration.json", data_exfiltration_json, &data.data_exfiltration},
      {"resource-exposure.json", resource_exposure_json, &data.resource_exposure},
      {"credentials-exposure.json", credentials_exposure_json, &data.credentials_exposure},
  };
  for (const ListFile& list : lists) {
    absl::StatusOr<JsonValue> root = Parse(list.file, list.text);
    if (!root.ok()) return root.status();
    absl::StatusOr<std::vector<std::string>> actions = Strings(list.file, *root, "actions");
    if (!actions.ok()) return actions.status();
    *list.out = std::move(*actions);
  }
  return data;
}

const absl::StatusOr<OverreachData>& EmbeddedOverreachData() {
  namespace internal = overreach_data_internal;
  static const absl::StatusOr<OverreachData>* data = new absl::StatusOr<OverreachData>(
      ParseOverreachData(internal::kEscalationJson, internal::kDataExfiltrationJson,
                         internal::kResourceExposureJson, internal::kCredentialsExposureJson));
  return *data;
}

}  // namespace iamsim
