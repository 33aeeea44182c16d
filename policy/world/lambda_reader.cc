// The Lambda part of a world, REGION/lambda/ of an account:
//   functions.json                          aws lambda list-functions
//   FUNCTION[@QUALIFIER].policy.json        aws lambda get-policy [--qualifier]
//   FUNCTION.aliases.json                   aws lambda list-aliases
//   FUNCTION[@QUALIFIER].url.json           aws lambda get-function-url-config
//   FUNCTION[@QUALIFIER].event-invoke-config.json
//   event-source-mappings.json              aws lambda list-event-source-mappings
// A missing file means "none of that" (get-policy answers
// ResourceNotFoundException for a function without a policy).
#include <algorithm>
#include <filesystem>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "policy/arn/arn.h"
#include "policy/world/world_builder.h"

namespace iamsim {
namespace {

namespace fs = std::filesystem;

std::string Text(const JsonValue& object, absl::string_view key) {
  const JsonValue* v = object.Find(key);
  return v != nullptr && v->is_string() ? v->text : "";
}

// "NAME@QUALIFIER.kind.json" -> {NAME, QUALIFIER, kind}.
bool SplitFileName(const std::string& file, std::string* name, std::string* qualifier,
                   std::string* kind) {
  if (!absl::EndsWith(file, ".json")) return false;
  const std::string stem = file.substr(0, file.size() - 5);
  for (absl::string_view k : {".policy", ".aliases", ".url", ".event-invoke-config"}) {
    if (!absl::EndsWith(stem, k)) continue;
    std::string base = stem.substr(0, stem.size() - k.size());
    const size_t at = base.find('@');
    *name = base.substr(0, at);
    *qualifier = at == std::string::npos ? "" : base.substr(at + 1);
    *kind = std::string(k.substr(1));
    return true;
  }
  return false;
}

}  // namespace

void WorldLoader::ReadLambda(const std::string& account, const std::string& region,
                             const std::string& directory) {
  const fs::path dir(directory);
  std::map<std::string, WorldFunction*> by_name;
  if (fs::exists(dir / "functions.json")) {
    const JsonValue* root = ReadFile((dir / "functions.json").string());
    if (root == nullptr) return;
    JsonReader reader = Reader(root);
    if (reader.Object(*root, "", "list-functions output ({\"Functions\": [...]})") == nullptr) {
      failed_ = true;
      return;
    }
    const JsonValue* list = reader.Require(*root, "", "Functions", "list-functions output");
    if (list == nullptr || reader.Array(*list, "/Functions", "Functions") == nullptr) {
      failed_ = true;
      return;
    }
    for (size_t i = 0; i < list->items.size(); ++i) {
      const JsonValue& f = list->items[i];
      const std::string path = JsonPointerAppend("/Functions", i);
      if (reader.Object(f, path, "a function") == nullptr) {
        failed_ = true;
        continue;
      }
      auto function = std::make_unique<WorldFunction>();
      function->name = Text(f, "FunctionName");
      function->arn = Text(f, "FunctionArn");
      function->account = account;
      function->region = region;
      function->execution_role = Text(f, "Role");
      if (const JsonValue* dlq = f.Find("DeadLetterConfig"); dlq != nullptr && dlq->is_object()) {
        function->dead_letter_target = Text(*dlq, "TargetArn");
      }
      function->location =
          Location{Source(root).name(), f.span, "", path, DocumentEncoding::kObject};
      if (function->name.empty() || !ParseArn(function->arn)) {
        Error(root, f.span, path, Rule::kMissingElement,
              "a function needs FunctionName and FunctionArn");
        continue;
      }
      // FunctionArn of list-functions is unqualified ($LATEST).
      function->targets.push_back(FunctionTarget{"", function->arn, nullptr, {}, {}});
      by_name[function->name] = function.get();
      world_->functions_.push_back(std::move(function));
    }
  }
  std::vector<fs::directory_entry> entries{fs::directory_iterator(dir), fs::directory_iterator()};
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.path() < b.path(); });
  for (const fs::directory_entry& entry : entries) {
    std::string name, qualifier, kind;
    const std::string file = entry.path().filename().string();
    if (!SplitFileName(file, &name, &qualifier, &kind)) continue;
    auto it = by_name.find(name);
    if (it == by_name.end()) {
      diagnostics_->push_back(MakeDiagnostic(
          Rule::kDanglingReference,
          Location{entry.path().string(), {}, "", "", DocumentEncoding::kObject},
          absl::StrCat("function ", Quote(name), " is not in functions.json; the file is not "
                       "used")));
      diagnostics_->back().severity = Severity::kWarning;
      continue;
    }
    WorldFunction& function = *it->second;
    const JsonValue* root = ReadFile(entry.path().string());
    if (root == nullptr) continue;
    JsonReader reader = Reader(root);
    if (reader.Object(*root, "", absl::StrCat("a ", kind, " file")) == nullptr) {
      failed_ = true;
      continue;
    }
    if (kind == "aliases") {
      const JsonValue* list = root->Find("Aliases");
      if (list == nullptr || list->is_null()) continue;
      if (reader.Array(*list, "/Aliases", "Aliases") == nullptr) {
        failed_ = true;
        continue;
      }
      for (const JsonValue& alias : list->items) {
        function.aliases[Text(alias, "Name")] = Text(alias, "FunctionVersion");
      }
      continue;
    }
    // A policy, URL or event-invoke configuration of one target.
    FunctionTarget* target = nullptr;
    for (FunctionTarget& t : function.targets) {
      if (t.qualifier == qualifier) target = &t;
    }
    if (target == nullptr) {
      function.targets.push_back(
          FunctionTarget{qualifier, absl::StrCat(function.arn, ":", qualifier), nullptr, {}, {}});
      target = &function.targets.back();
    }
    if (kind == "policy") {
      const JsonValue* policy = reader.Require(*root, "", "Policy", "get-policy output");
      if (policy == nullptr) {
        failed_ = true;
        continue;
      }
      ReadDocument doc =
          Document(root, *policy, "/Policy", PolicyType::kResource,
                   absl::StrCat("function policy of ", function.name,
                                qualifier.empty() ? "" : absl::StrCat(":", qualifier)));
      function.errors.insert(function.errors.end(), doc.errors.begin(), doc.errors.end());
      target->policy = doc.policy;
    } else if (kind == "url") {
      FunctionUrl url;
      url.url = Text(*root, "FunctionUrl");
      url.auth_type = Text(*root, "AuthType");
      url.location = Location{Source(root).name(), root->span, "", "", DocumentEncoding::kObject};
      if (url.auth_type != "AWS_IAM" && url.auth_type != "NONE") {
        Error(root, root->span, "/AuthType", Rule::kInvalidInput,
              "AuthType must be \"AWS_IAM\" or \"NONE\"");
        continue;
      }
      target->url = url;
    } else if (kind == "event-invoke-config") {
      FunctionDestinations d;
      d.location = Location{Source(root).name(), root->span, "", "", DocumentEncoding::kObject};
      if (const JsonValue* config = root->Find("DestinationConfig");
          config != nullptr && config->is_object()) {
        if (const JsonValue* s = config->Find("OnSuccess")) d.on_success = Text(*s, "Destination");
        if (const JsonValue* f = config->Find("OnFailure")) d.on_failure = Text(*f, "Destination");
      }
      target->destinations = d;
    }
  }
  if (fs::exists(dir / "event-source-mappings.json")) {
    const JsonValue* root = ReadFile((dir / "event-source-mappings.json").string());
    if (root == nullptr) return;
    JsonReader reader = Reader(root);
    const JsonValue* list =
        reader.Object(*root, "", "list-event-source-mappings output") != nullptr
            ? root->Find("EventSourceMappings")
            : nullptr;
    if (list == nullptr || reader.Array(*list, "/EventSourceMappings", "EventSourceMappings") ==
                               nullptr) {
      failed_ = true;
      return;
    }
    for (size_t i = 0; i < list->items.size(); ++i) {
      const JsonValue& m = list->items[i];
      world_->mappings_.push_back(EventSourceMapping{
          Text(m, "UUID"), Text(m, "EventSourceArn"), Text(m, "FunctionArn"), Text(m, "State"),
          Location{Source(root).name(), m.span, "", JsonPointerAppend("/EventSourceMappings", i),
                   DocumentEncoding::kObject}});
    }
  }
}

const FunctionTarget* WorldFunction::Target(absl::string_view qualifier) const {
  if (qualifier == "$LATEST") qualifier = "";  // The unqualified function's policy.
  for (const FunctionTarget& t : targets) {
    if (t.qualifier == qualifier) return &t;
  }
  return nullptr;
}

}  // namespace iamsim
