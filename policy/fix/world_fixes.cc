#include "policy/fix/world_fixes.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "policy/diagnostics/diagnostic.h"
#include "policy/fix/commands.h"
#include "policy/fix/file_editor.h"
#include "policy/fix/fix_finder.h"
#include "policy/json/json_pointer.h"
#include "policy/json/json_tree.h"
#include "policy/world/simulation_export.h"

namespace iamsim {
namespace {

// The name FindFixes gives the emitted file; replaced by world files.
constexpr absl::string_view kSimulationName = "simulation";
constexpr absl::string_view kContext = "/request/context";

bool Within(absl::string_view path, absl::string_view pointer) {
  return path == pointer || (absl::StartsWith(path, pointer) && path.size() > pointer.size() &&
                             path[pointer.size()] == '/');
}

// The document of the emitted file that `path` is in, or nullptr.
const SimulationSlot* SlotOf(const std::vector<SimulationSlot>& slots, absl::string_view path) {
  for (const SimulationSlot& slot : slots) {
    if (Within(path, slot.pointer)) return &slot;
  }
  return nullptr;
}

bool IsManagedPolicyArn(absl::string_view name) {
  return absl::StartsWith(name, "arn:aws") && absl::StrContains(name, ":iam::") &&
         absl::StrContains(name, ":policy/");
}

// "KEY=VALUE" for each value of a context edit's JSON `value`.
bool ContextPairs(const std::string& key, absl::string_view value, std::vector<std::string>* out) {
  JsonParseResult parsed = ParseJson(value, "value", kWorldFileLimits);
  if (!parsed.root) return false;
  if (parsed.root->is_string()) {
    out->push_back(absl::StrCat(key, "=", parsed.root->text));
    return true;
  }
  if (!parsed.root->is_array()) return false;
  for (const JsonValue& item : parsed.root->items) {
    if (!item.is_string()) return false;
    out->push_back(absl::StrCat(key, "=", item.text));
  }
  return true;
}

// Carries the edits of fixes found on the emitted simulation file to the
// world's files.
class Carrier {
 public:
  Carrier(const WorldQuestion& q, std::string simulation)
      : q_(q), slots_(SimulationSlots(q)), simulation_(std::move(simulation)) {}

  // The fix in the world's terms, or why it cannot be carried.
  absl::StatusOr<Fix> Carry(const Fix& fix) {
    texts_.clear();
    Fix out{WorldSummary(fix.summary), {}};
    for (const FixEdit& edit : fix.edits) {
      absl::StatusOr<FixEdit> carried = CarryEdit(edit);
      if (!carried.ok()) return carried.status();
      out.edits.push_back(std::move(*carried));
    }
    return out;
  }

 private:
  absl::StatusOr<FixEdit> CarryEdit(const FixEdit& edit) {
    if (edit.patch.empty()) return edit;
    const std::string& path = edit.patch.back().path;  // Tests come first.
    const SimulationSlot* slot = SlotOf(slots_, path);
    for (const JsonPatchOp& op : edit.patch) {
      if (SlotOf(slots_, op.path) != slot || Within(op.path, kContext) != Within(path, kContext)) {
        return absl::InternalError("an edit spans two documents");
      }
    }
    if (Within(path, kContext)) return ContextEdit(edit);
    if (slot != nullptr) return DocumentEdit(edit, *slot);
    if (path == "/identityPolicies" || path == "/identityPolicies/-") return InlinePolicy(edit);
    if (path == "/resourcePolicy") return NoFileEdit(edit);
    return absl::InternalError(absl::StrCat("no world file holds ", path));
  }

  // A world file's text as the fix's earlier edits left it.
  absl::StatusOr<std::string*> FileText(const std::string& file) {
    auto it = texts_.find(file);
    if (it != texts_.end()) return &it->second;
    // Under the world loader's cap, as when the world was loaded.
    std::error_code error;
    const auto size = std::filesystem::file_size(file, error);
    if (error || size > kWorldFileLimits.max_bytes) {
      return absl::FailedPreconditionError(
          absl::StrCat("cannot read ", file, error ? "" : ": over the world file cap"));
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", file));
    std::stringstream text;
    text << in.rdbuf();
    return &(texts_[file] = text.str());
  }

  absl::StatusOr<FixEdit> DocumentEdit(const FixEdit& edit, const SimulationSlot& slot);
  absl::StatusOr<FixEdit> InlinePolicy(const FixEdit& edit);
  FixEdit NoFileEdit(const FixEdit& edit) const;
  absl::StatusOr<FixEdit> ContextEdit(const FixEdit& edit) const;
  std::string WorldSummary(std::string summary) const;

  const WorldQuestion& q_;
  const std::vector<SimulationSlot> slots_;
  const std::string simulation_;
  std::map<std::string, std::string> texts_;  // World files edited by the current fix.
};

// An edit of a policy document of the emitted file, rebased onto the
// document's place in its world file.
absl::StatusOr<FixEdit> Carrier::DocumentEdit(const FixEdit& edit, const SimulationSlot& slot) {
  JsonPatch relative = edit.patch;
  for (JsonPatchOp& op : relative) op.path = op.path.substr(slot.pointer.size());
  // The document as FindFixes verified it.
  std::unique_ptr<FileEditor> simulation = FileEditor::Open(simulation_);
  if (simulation == nullptr) return absl::InternalError("the emitted file is not JSON");
  absl::StatusOr<FileEditor::Document> before =
      simulation->OpenDocument(DocumentRef{"", slot.pointer, DocumentEncoding::kObject});
  if (!before.ok()) return before.status();
  absl::StatusOr<std::string> wanted = ApplyJsonPatch(before->text, relative);
  if (!wanted.ok()) return wanted.status();

  const DocumentRef& origin = slot.policy->document().origin;
  absl::StatusOr<std::string*> text = FileText(origin.file);
  if (!text.ok()) return text.status();
  std::unique_ptr<FileEditor> world = FileEditor::Open(**text);
  if (world == nullptr) return absl::InternalError(absl::StrCat(origin.file, " is not JSON"));
  absl::StatusOr<JsonPatch> patch = world->EditDocument(origin, relative);
  if (!patch.ok()) return patch.status();
  absl::StatusOr<std::string> edited = ApplyJsonPatch(**text, *patch);
  if (!edited.ok()) return edited.status();
  std::unique_ptr<FileEditor> after = FileEditor::Open(*edited);
  absl::StatusOr<FileEditor::Document> got =
      after != nullptr ? after->OpenDocument(origin)
                       : absl::StatusOr<FileEditor::Document>(absl::InternalError("not JSON"));
  if (!got.ok() || CompactText(got->text) != CompactText(*wanted)) {
    return absl::InternalError(
        absl::StrCat("the patch of ", origin.file, " does not give the verified document"));
  }
  **text = std::move(*edited);

  FixEdit out = edit;
  out.file = origin.file;
  out.patch = std::move(*patch);
  if (out.owner.target.empty()) out.owner.target = slot.target;
  if (out.command.empty() && IsManagedPolicyArn(slot.policy->name())) {
    out.command = CreateDefaultPolicyVersion(slot.policy->name(), CompactText(*wanted));
  }
  return out;
}

// A new inline policy of the caller, added to its entry of the GAAD file.
absl::StatusOr<FixEdit> Carrier::InlinePolicy(const FixEdit& edit) {
  const WorldPrincipal* caller = q_.caller();
  if (caller == nullptr || caller->location.file.empty() || edit.patch.size() != 1) {
    return absl::InternalError("the caller is not a user or role of the world");
  }
  JsonParseResult parsed = ParseJson(edit.patch[0].value, "entry", kWorldFileLimits);
  const JsonValue* entry = parsed.root ? &*parsed.root : nullptr;
  if (entry != nullptr && entry->is_array() && entry->items.size() == 1) entry = &entry->items[0];
  const JsonValue* name = entry != nullptr ? entry->Find("name") : nullptr;
  const JsonValue* document = entry != nullptr ? entry->Find("document") : nullptr;
  if (name == nullptr || !name->is_string() || document == nullptr) {
    return absl::InternalError("not a new inline policy");
  }
  const std::string policy =
      absl::StrCat("{\"PolicyName\": ", JsonStringLiteral(name->text),
                   ", \"PolicyDocument\": ", RawText(edit.patch[0].value, *document), "}");
  absl::StatusOr<std::string*> text = FileText(caller->location.file);
  if (!text.ok()) return text.status();
  std::unique_ptr<FileEditor> world = FileEditor::Open(**text);
  const JsonValue* at = world != nullptr ? world->Find(caller->location.path) : nullptr;
  if (at == nullptr || !at->is_object()) {
    return absl::InternalError(absl::StrCat("no ", caller->arn, " in ", caller->location.file));
  }
  const std::string key =
      caller->kind == WorldPrincipal::Kind::kRole ? "RolePolicyList" : "UserPolicyList";
  const std::string list_path = JsonPointerAppend(caller->location.path, key);
  const JsonValue* list = at->Find(key);
  JsonPatch patch;
  if (list == nullptr) {
    patch = {{"add", list_path, absl::StrCat("[", policy, "]")}};
  } else if (list->is_null()) {
    patch = {{"test", list_path, "null"}, {"replace", list_path, absl::StrCat("[", policy, "]")}};
  } else if (list->is_array()) {
    for (const JsonValue& p : list->items) {
      const JsonValue* existing = p.Find("PolicyName");
      if (existing != nullptr && existing->text == name->text) {
        return absl::InternalError(absl::StrCat(caller->arn, " has an inline ", name->text));
      }
    }
    patch = {{"add", absl::StrCat(list_path, "/-"), policy}};
  } else {
    return absl::InternalError(absl::StrCat(list_path, " is not a list"));
  }
  absl::StatusOr<std::string> edited = ApplyJsonPatch(**text, patch);
  if (!edited.ok()) return edited.status();
  **text = std::move(*edited);
  FixEdit out = edit;
  out.file = caller->location.file;
  out.patch = std::move(patch);
  return out;
}

// A resource policy where the world holds none: nothing to patch.
FixEdit Carrier::NoFileEdit(const FixEdit& edit) const {
  FixEdit out = edit;
  out.file.clear();
  out.patch.clear();
  std::string qualifier;
  const WorldFunction* function = q_.world().FindFunction(q_.resource(), &qualifier);
  const std::string run = out.command.empty() ? "" : "run the command; ";
  if (function != nullptr && q_.function_target() != nullptr) {
    const std::string file =
        (std::filesystem::path(function->location.file).parent_path() /
         absl::StrCat(function->name, qualifier.empty() ? "" : absl::StrCat("@", qualifier),
                      ".policy.json"))
            .string();
    out.instruction = absl::StrCat(q_.function_target()->arn,
                                   " has no policy, so the world has no file to patch: ", run, file,
                                   " appears after the next collect (tools/collect-world.sh)");
  } else {
    out.instruction = absl::StrCat("the world holds no policy of ", q_.resource(),
                                   ", so it has no file to patch: ", run,
                                   "give the policy to the resource's service");
  }
  return out;
}

// A change of the request context: an instruction, not a patch.
absl::StatusOr<FixEdit> Carrier::ContextEdit(const FixEdit& edit) const {
  std::vector<std::string> with, without;
  for (const JsonPatchOp& op : edit.patch) {
    if (op.op == "test") continue;
    if (op.path == kContext) {
      JsonParseResult parsed = ParseJson(op.value, "context", kWorldFileLimits);
      if (!parsed.root || !parsed.root->is_object()) return absl::InternalError("not a context");
      for (const JsonMember& m : parsed.root->members) {
        if (!ContextPairs(m.key, RawText(op.value, m.value), &with)) {
          return absl::InternalError("a context value that is not a string");
        }
      }
      continue;
    }
    const std::string key =
        absl::StrReplaceAll(op.path.substr(kContext.size() + 1), {{"~1", "/"}, {"~0", "~"}});
    if (op.op == "remove") {
      without.push_back(key);
    } else if (!ContextPairs(key, op.value, &with)) {
      return absl::InternalError("a context value that is not a string");
    }
  }
  FixEdit out = edit;
  out.file.clear();
  out.patch.clear();
  std::vector<std::string> flags;
  for (const std::string& pair : with) flags.push_back(absl::StrCat("--context ", pair));
  out.instruction = absl::StrCat(
      "call", with.empty() ? "" : absl::StrCat(" with ", absl::StrJoin(with, ", ")),
      without.empty()
          ? ""
          : absl::StrCat(with.empty() ? "" : " and", " without ", absl::StrJoin(without, ", ")),
      flags.empty() ? "" : absl::StrCat("; ask iamsim again with ", absl::StrJoin(flags, " ")));
  return out;
}

// The summary with the world's names for what the emitted file names by slot.
std::string Carrier::WorldSummary(std::string summary) const {
  for (const SimulationSlot& slot : slots_) {
    if (slot.pointer.find('/', 1) != std::string::npos) continue;  // Listed: world names.
    const std::string simulation_name = Quote(slot.pointer.substr(1));
    summary = absl::StrReplaceAll(summary, {{simulation_name, Quote(slot.policy->name())}});
  }
  return summary;
}

}  // namespace

FixReport FindWorldFixes(const WorldQuestion& question) {
  const std::string simulation = SimulationJson(question, "can");
  const FixReport found =
      FindFixes(FixInput{FixInputKind::kSimulation, std::string(kSimulationName), simulation});
  FixReport out;
  out.unfixable = found.unfixable;
  Carrier carrier(question, simulation);
  for (const Fix& fix : found.fixes) {
    absl::StatusOr<Fix> carried = carrier.Carry(fix);
    if (carried.ok()) {
      out.fixes.push_back(std::move(*carried));
    } else {
      out.unfixable.push_back(
          absl::StrCat("a fix found on the question as a simulation file (", fix.summary,
                       ") cannot be carried to the world's files: ", carried.status().message()));
    }
  }
  out.apply_hint =
      "iamsim can ... --apply-fix N prints the world file fix N edits with the fix applied; "
      "edits without a patch say what to do instead";
  return out;
}

}  // namespace iamsim
