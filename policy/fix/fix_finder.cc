#include "policy/fix/fix_finder.h"

#include <algorithm>
#include <memory>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "policy/conditions/witness.h"
#include "policy/evaluate/caller_keys.h"
#include "policy/evaluate/evaluator.h"
#include "policy/explain/blockers.h"
#include "policy/explain/near_miss.h"
#include "policy/explain/report.h"
#include "policy/fix/commands.h"
#include "policy/fix/file_editor.h"
#include "policy/json/json_pointer.h"
#include "policy/parse/policy_parser.h"
#include "policy/simulation/aws_request.h"
#include "policy/simulation/simulation.h"

namespace iamsim {
namespace {

constexpr int kMaxRounds = 5;
constexpr size_t kMaxFixes = 6;
constexpr absl::string_view kFixPolicyName = "iamsim-fix";

// A question read from an input's text.
struct Question {
  std::optional<Simulation> sim;
  std::optional<AwsSimulation> aws;
  size_t action = 0, resource = 0;
  // False for an AWS request without CallerArn: its caller is a stand-in,
  // whom no command may name.
  bool caller_known() const { return sim || aws->caller_known; }
  Assembly assembly() const { return sim ? sim->assembly() : aws->assembly(); }
  Request request() const { return sim ? sim->request() : aws->request(action, resource); }
  const RequestContext& context() const { return sim ? sim->context : aws->context; }
};

// A question decided, with everything fixes are made from.
struct State {
  std::string text;
  std::unique_ptr<Question> question;
  Assembly assembly;
  PreparedRequest request;
  Decision decision;
  Explanation explanation;
  std::vector<Blocker> blockers;
};

std::unique_ptr<State> Decide(const FixInput& in, std::string text) {
  auto s = std::make_unique<State>();
  s->text = std::move(text);
  s->question = std::make_unique<Question>();
  Question& q = *s->question;
  if (in.kind == FixInputKind::kSimulation) {
    SimulationLoadResult r = LoadSimulation(s->text, in.file);
    if (!r.simulation) return nullptr;
    q.sim = std::move(r.simulation);
  } else {
    AwsRequestLoadResult r = LoadAwsRequest(s->text, in.file);
    if (!r.simulation || in.action >= r.simulation->actions.size() ||
        in.resource >= r.simulation->resources.size()) {
      return nullptr;
    }
    q.aws = std::move(r.simulation);
    q.action = in.action;
    q.resource = in.resource;
  }
  s->assembly = q.assembly();
  if (!PreparedRequest::Prepare(q.request(), &s->request).ok()) return nullptr;
  s->decision = Evaluate(s->assembly, s->request, {}, &s->explanation);
  ReportInput report{in.file, "", &s->assembly, &s->request, &s->decision, &s->explanation};
  s->blockers = FindBlockers(report);
  return s;
}

// Keys that say who the caller is (caller_keys.h): no stranger shares them.
bool PrincipalKey(absl::string_view key) { return SourceOfKey(key) == KeySource::kPrincipal; }

// Keys a request change may set: how the caller calls (caller_keys.h's
// kCaller), where it calls from, and the organization a simulation states
// for it — not who it is, what it calls, on whose behalf a service calls, or
// when and in which region AWS sees the call.
bool Controllable(absl::string_view key) {
  switch (SourceOfKey(key)) {
    case KeySource::kCaller:
    case KeySource::kNetwork:
    case KeySource::kPrincipalOrg:
      return true;
    case KeySource::kPrincipal:
    case KeySource::kSourceService:
    case KeySource::kResource:
    case KeySource::kAws:
      return false;
  }
  return false;
}

// What a request change means, for the summary.
std::string Phrase(absl::string_view key, const Witness& w, absl::string_view name) {
  if (!w.present) return absl::StrCat("call without ", name);
  if (key == "aws:sourcevpce") return absl::StrCat("call through VPC endpoint ", w.value);
  if (key == "aws:sourcevpc") return absl::StrCat("call from VPC ", w.value);
  if (key == "aws:sourceip" || key == "aws:vpcsourceip") return absl::StrCat("call from ", w.value);
  if (key == "aws:multifactorauthpresent") {
    return w.value == "true" ? "call with MFA-authenticated credentials"
                             : "call without MFA-authenticated credentials";
  }
  if (key == "aws:securetransport") {
    return w.value == "true" ? "call over HTTPS" : "call over plain HTTP";
  }
  if (key == "aws:principalorgid") {
    return absl::StrCat("call as a principal of organization ", w.value);
  }
  if (key == "aws:sourcearn") return absl::StrCat("call on behalf of ", w.value);
  if (key == "aws:sourceaccount") return absl::StrCat("call on behalf of account ", w.value);
  return absl::StrCat("call with ", name, " = ", w.value);
}

// The ContextKeyType of an AWS simulate-custom-policy context entry.
std::string ContextKeyType(const CompiledCondition& c, bool list) {
  std::string type = "string";
  switch (c.op.family()) {
    case OperatorFamily::kBool:
      type = "boolean";
      break;
    case OperatorFamily::kIp:
      type = "ip";
      break;
    case OperatorFamily::kNumeric:
      type = "numeric";
      break;
    case OperatorFamily::kDate:
      type = "date";
      break;
    case OperatorFamily::kBinary:
      type = "binary";
      break;
    default:
      break;
  }
  return list ? absl::StrCat(type, "List") : type;
}

enum class CandidateKind { kRepair, kRequest, kGrant, kNarrow };

struct Candidate {
  CandidateKind kind = CandidateKind::kGrant;
  std::string summary;
  std::vector<FixEdit> edits;
};

class Finder {
 public:
  explicit Finder(const FixInput& in) : in_(in) {}

  std::vector<Candidate> For(const State& s, const Blocker& b) {
    std::vector<Candidate> out;
    switch (b.reason) {
      case BlockerReason::kRootCannotAssumeRole:
        Unfixable(
            "the account root user cannot assume a role, whatever the policies say: call "
            "as an IAM user or role");
        break;
      case BlockerReason::kExplicitDeny:
        for (StatementRef ref : b.statements) {
          RequestChanges(s, ref, /*holds=*/false, &out);
          Narrow(s, ref, b, &out);
        }
        break;
      case BlockerReason::kNoAllow: {
        std::vector<PolicyType> types = b.alternatives;
        if (types.empty()) types.push_back(b.type);
        for (PolicyType type : types) {
          for (StatementRef ref : Nearest(s, type, b.level)) {
            Repair(s, ref, &out);
            RequestChanges(s, ref, /*holds=*/true, &out);
          }
        }
        for (PolicyType type : types) Grant(s, type, b.level, &out);
        break;
      }
    }
    return out;
  }

  const std::vector<std::string>& unfixable() const { return unfixable_; }

 private:
  void Unfixable(std::string why) {
    if (std::find(unfixable_.begin(), unfixable_.end(), why) == unfixable_.end()) {
      unfixable_.push_back(std::move(why));
    }
  }

  static std::vector<StatementRef> Nearest(const State& s, PolicyType type, int level) {
    std::vector<StatementRef> refs;
    for (const StatementTrace& t : s.explanation.statements) {
      const bool same =
          t.type == type || (type == PolicyType::kResource && t.type == PolicyType::kRoleTrust);
      if (!t.applies && same && t.ref.level == level && t.statement->effect == Effect::kAllow &&
          (t.action == MatchState::kMatch || FindNearMiss(t, s.request))) {
        refs.push_back(t.ref);
      }
    }
    return refs;
  }

  static const StatementTrace* Trace(const State& s, StatementRef ref) {
    for (const StatementTrace& t : s.explanation.statements) {
      if (t.ref == ref) return &t;
    }
    return nullptr;
  }

  FixOwner OwnerOf(const State& s, PolicyType type, int level) const {
    FixOwner owner;
    switch (type) {
      case PolicyType::kResource:
      case PolicyType::kRoleTrust:
        owner.kind = FixOwnerKind::kResourceOwner;
        owner.account = std::string(s.request.resource_account());
        break;
      case PolicyType::kServiceControl:
      case PolicyType::kResourceControl: {
        owner.kind = FixOwnerKind::kManagementAccount;
        owner.account = std::string(s.assembly.management_account);
        const OrgChain* chain =
            type == PolicyType::kServiceControl ? s.assembly.scp : s.assembly.rcp;
        if (chain != nullptr && level >= 0 && level < static_cast<int>(chain->levels.size())) {
          owner.target = chain->levels[level].target;
        }
        break;
      }
      default:
        owner.kind = FixOwnerKind::kCaller;
        owner.account = std::string(s.request.caller().account);
    }
    return owner;
  }

  // The principal a grant names: the role for a role session.
  static std::string GrantPrincipal(const Caller& caller) {
    if (caller.type == CallerType::kRole || caller.type == CallerType::kUser) {
      return std::string(caller.principal_arn);
    }
    return std::string(caller.arn);
  }

  static std::string UniqueSid(const CompiledPolicy* policy) {
    std::set<std::string> sids;
    if (policy != nullptr) {
      for (const Statement& st : policy->document().statements) {
        if (st.sid) sids.insert(st.sid->value);
      }
    }
    std::string sid = "IamsimFix";
    for (int i = 2; sids.count(sid) != 0; ++i) sid = absl::StrCat("IamsimFix", i);
    return sid;
  }

  // Ops on an existing policy's document, as a file edit; also returns the
  // edited document (compact) for commands.
  std::optional<FixEdit> EditPolicy(
      const State& s, const CompiledPolicy& policy,
      const std::function<JsonPatch(const FileEditor::Document&)>& ops, FixOwner owner,
      std::string* edited_document) const {
    std::unique_ptr<FileEditor> editor = FileEditor::Open(s.text);
    if (editor == nullptr) return std::nullopt;
    absl::StatusOr<FileEditor::Document> doc = editor->OpenDocument(policy.document().origin);
    if (!doc.ok()) return std::nullopt;
    const JsonPatch doc_ops = ops(*doc);
    absl::StatusOr<JsonPatch> patch = editor->EditDocument(policy.document().origin, doc_ops);
    if (!patch.ok()) return std::nullopt;
    absl::StatusOr<std::string> edited = ApplyJsonPatch(doc->text, doc_ops);
    if (!edited.ok()) return std::nullopt;
    if (edited_document != nullptr) *edited_document = CompactText(*edited);
    return FixEdit{std::move(owner), in_.file, std::move(*patch), "", ""};
  }

  std::string PolicyLabel(const State& s, StatementRef ref) const {
    const StatementInfo info = DescribeStatement(s.assembly, ref);
    return absl::StrCat(PolicyTypeName(info.type), " policy ", Quote(info.policy_name), " ",
                        StatementLabel(info));
  }

  // The near-miss value of a statement, repaired in place.
  void Repair(const State& s, StatementRef ref, std::vector<Candidate>* out) {
    const StatementTrace* trace = Trace(s, ref);
    if (trace == nullptr) return;
    std::optional<NearMiss> miss = FindNearMiss(*trace, s.request);
    if (!miss) return;
    const CompiledPolicy& policy = s.assembly.store->policy(ref.policy);
    if (miss->qualifier && policy.type() == PolicyType::kResource &&
        absl::StrContains(s.request.resource(), ":lambda:")) {
      return;  // Another qualifier's policy: a grant in this one is the fix.
    }
    const std::string path = miss->location().path;
    std::string edited;
    std::optional<FixEdit> edit = EditPolicy(
        s, policy,
        [&](const FileEditor::Document& d) {
          return miss->replace ? ReplaceString(d.root, path, miss->wanted)
                               : AddNextTo(d.root, d.text, path, miss->wanted);
        },
        OwnerOf(s, policy.type(), ref.level), &edited);
    if (!edit) return;
    edit->command = CommandForEditedPolicy(s, policy, edited);
    Candidate& c = out->emplace_back();
    c.kind = CandidateKind::kRepair;
    c.summary = absl::StrCat("Repair ", PolicyLabel(s, ref), ": ", miss->difference, "; ",
                             miss->replace ? "write " : "add ", miss->wanted,
                             miss->replace ? " instead" : " next to it");
    c.edits.push_back(std::move(*edit));
  }

  // A request change that makes each of the statement's conditions on keys
  // the caller controls hold (for a grant) or fail (for a deny: one is enough).
  void RequestChanges(const State& s, StatementRef ref, bool holds, std::vector<Candidate>* out) {
    const StatementTrace* trace = Trace(s, ref);
    if (trace == nullptr) return;
    if (holds && (trace->action != MatchState::kMatch || trace->resource == MatchState::kNoMatch ||
                  trace->principal == MatchState::kNoMatch)) {
      return;  // More than its conditions fail.
    }
    std::vector<std::pair<const CompiledCondition*, Witness>> changes;
    for (const ConditionTrace& c : trace->conditions) {
      const bool failing = c.result == MatchState::kNoMatch;
      if (holds && !failing) continue;
      if (!Controllable(c.condition->key.lower_name)) {
        if (holds) return;  // A failing condition the caller cannot change.
        continue;
      }
      std::optional<Witness> w = WitnessFor(*c.condition, holds);
      if (!w) {
        if (holds) return;
        continue;
      }
      changes.emplace_back(c.condition, *w);
      if (!holds) {
        // Defeating one condition lifts a deny: one candidate per condition.
        AddRequestChange(s, ref, changes, holds, out);
        changes.clear();
      }
    }
    if (holds && !changes.empty()) AddRequestChange(s, ref, changes, holds, out);
  }

  void AddRequestChange(const State& s, StatementRef ref,
                        const std::vector<std::pair<const CompiledCondition*, Witness>>& changes,
                        bool holds, std::vector<Candidate>* out) {
    std::unique_ptr<FileEditor> editor = FileEditor::Open(s.text);
    if (editor == nullptr) return;
    JsonPatch patch;
    std::vector<std::string> phrases;
    for (const auto& [condition, w] : changes) {
      if (!ContextEdit(*editor, *condition, w, &patch)) return;
      phrases.push_back(Phrase(condition->key.lower_name, w, condition->key.name));
    }
    if (patch.empty()) return;
    Candidate& c = out->emplace_back();
    c.kind = CandidateKind::kRequest;
    c.summary = absl::StrCat(absl::StrJoin(phrases, " and "), " (", holds ? "satisfies" : "defeats",
                             " the condition of ", PolicyLabel(s, ref), ")");
    FixOwner owner;
    owner.kind = FixOwnerKind::kCaller;
    owner.account = std::string(s.request.caller().account);
    c.edits.push_back(FixEdit{owner, in_.file, std::move(patch), "", ""});
  }

  // The request-context edit giving `condition`'s key the witness value.
  bool ContextEdit(const FileEditor& editor, const CompiledCondition& condition, const Witness& w,
                   JsonPatch* patch) const {
    const std::string& name = condition.key.name;
    const std::string value = JsonStringLiteral(w.value);
    const std::string json = w.list ? absl::StrCat("[", value, "]") : value;
    if (in_.kind == FixInputKind::kSimulation) {
      const JsonValue* context = editor.Find("/request/context");
      if (context == nullptr || !context->is_object()) {
        if (!w.present) return true;
        patch->push_back({context == nullptr ? "add" : "replace", "/request/context",
                          absl::StrCat("{", JsonStringLiteral(name), ": ", json, "}")});
        return true;
      }
      for (const JsonMember& m : context->members) {
        if (!absl::EqualsIgnoreCase(m.key, name)) continue;
        const std::string path = JsonPointerAppend("/request/context", m.key);
        patch->push_back({"test", path, editor.TextOf(m.value)});
        patch->push_back(w.present ? JsonPatchOp{"replace", path, json}
                                   : JsonPatchOp{"remove", path, ""});
        return true;
      }
      if (w.present) patch->push_back({"add", JsonPointerAppend("/request/context", name), json});
      return true;
    }
    const JsonValue* entries = editor.Find("/ContextEntries");
    if (entries != nullptr && entries->is_array()) {
      for (size_t i = 0; i < entries->items.size(); ++i) {
        const JsonValue* key = entries->items[i].Find("ContextKeyName");
        if (key == nullptr || !absl::EqualsIgnoreCase(key->text, name)) continue;
        const std::string path = JsonPointerAppend("/ContextEntries", i);
        patch->push_back({"test", path, editor.TextOf(entries->items[i])});
        if (!w.present) {
          patch->push_back({"remove", path, ""});
        } else {
          patch->push_back({"replace", JsonPointerAppend(path, "ContextKeyValues"),
                            absl::StrCat("[", value, "]")});
        }
        return true;
      }
    }
    if (!w.present) return true;
    const std::string entry = absl::StrCat(
        "{\"ContextKeyName\": ", JsonStringLiteral(name), ", \"ContextKeyValues\": [", value,
        "], \"ContextKeyType\": ", JsonStringLiteral(ContextKeyType(condition, w.list)), "}");
    if (entries == nullptr) {
      patch->push_back({"add", "/ContextEntries", absl::StrCat("[", entry, "]")});
    } else {
      patch->push_back({"add", "/ContextEntries/-", entry});
    }
    return true;
  }

  // Narrows a Deny so that it no longer applies to this principal.
  void Narrow(const State& s, StatementRef ref, const Blocker& b, std::vector<Candidate>* out) {
    const Caller& caller = s.request.caller();
    if (caller.type != CallerType::kRole && caller.type != CallerType::kUser) {
      Unfixable(absl::StrCat(
          "an explicit deny can be narrowed only for an IAM user or role (the caller is ",
          CallerTypeName(caller.type), "); no Allow can override it"));
      return;
    }
    const CompiledPolicy& policy = s.assembly.store->policy(ref.policy);
    const Statement& st = policy.document().statements[ref.statement];
    // An existing exception list on aws:PrincipalArn is extended.
    std::string op = "ArnNotEquals";
    for (const ConditionClause& clause : st.conditions) {
      if (clause.key.value.size() == 16 &&
          absl::EqualsIgnoreCase(clause.key.value, "aws:PrincipalArn") &&
          (clause.operator_name.value == "ArnNotEquals" ||
           clause.operator_name.value == "ArnNotLike" ||
           clause.operator_name.value == "StringNotEquals" ||
           clause.operator_name.value == "StringNotLike")) {
        op = clause.operator_name.value;
      }
    }
    const std::string principal = GrantPrincipal(caller);
    const std::string statement_path = st.location.path;
    std::string edited;
    std::optional<FixEdit> edit = EditPolicy(
        s, policy,
        [&](const FileEditor::Document& d) {
          return AddConditionValue(d.root, d.text, statement_path, op, "aws:PrincipalArn",
                                   principal);
        },
        OwnerOf(s, policy.type(), b.level), &edited);
    if (!edit) return;
    edit->command = CommandForEditedPolicy(s, policy, edited);
    Candidate& c = out->emplace_back();
    c.kind = CandidateKind::kNarrow;
    c.summary = absl::StrCat("Exempt ", principal, " from ", PolicyLabel(s, ref), " (", op,
                             " aws:PrincipalArn): no Allow can override an explicit "
                             "deny; only the Deny itself can change");
    c.edits.push_back(std::move(*edit));
  }

  // The command that puts an edited existing policy in place, where there is one.
  std::string CommandForEditedPolicy(const State& s, const CompiledPolicy& policy,
                                     const std::string& document) const {
    switch (policy.type()) {
      case PolicyType::kResource:
      case PolicyType::kRoleTrust:
        return PutResourcePolicy(s.request.resource(), policy.type(), document);
      case PolicyType::kSession:
        if (s.request.caller().type == CallerType::kRole) {
          return AssumeRoleWithSessionPolicy(s.request.caller().principal_arn,
                                             s.request.caller().session_name, document);
        }
        return "";
      default:
        // Identity policies, boundaries, SCPs: the simulation names them but
        // not their ARNs or ids, which the commands need.
        return "";
    }
  }

  // What a new statement that allows exactly this request says.
  struct GrantTarget {
    std::string action, resource, principal;
    std::string head;  // "Effect": "Allow", "Action": ...
    std::string on;    // , "Resource": ...
  };

  static GrantTarget TargetOf(const State& s) {
    GrantTarget t;
    t.action = std::string(s.request.action());
    t.resource = std::string(s.request.resource());
    t.principal = GrantPrincipal(s.request.caller());
    t.head = absl::StrCat("\"Effect\": \"Allow\", \"Action\": ", JsonStringLiteral(t.action));
    t.on = absl::StrCat(", \"Resource\": ", JsonStringLiteral(t.resource));
    return t;
  }

  // A new statement that allows exactly this request, in a policy of `type`.
  void Grant(const State& s, PolicyType type, int level, std::vector<Candidate>* out) {
    switch (type) {
      case PolicyType::kIdentity:
        return GrantInIdentityPolicy(s, out);
      case PolicyType::kResource:
      case PolicyType::kRoleTrust:
        return GrantInResourcePolicy(s, type, out);
      case PolicyType::kPermissionsBoundary:
      case PolicyType::kSession:
      case PolicyType::kServiceControl:
        return GrantInLimitingPolicy(s, type, level, out);
      case PolicyType::kResourceControl:
        return;  // RCPFullAWSAccess allows by default: only denies block.
    }
  }

  // A new inline policy of the caller.
  void GrantInIdentityPolicy(const State& s, std::vector<Candidate>* out) {
    const Caller& caller = s.request.caller();
    if (!caller.is_iam() || caller.type == CallerType::kRoot) return;
    const GrantTarget t = TargetOf(s);
    const std::string document =
        absl::StrCat("{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"IamsimFix\", ",
                     t.head, t.on, "}]}");
    FixEdit edit{OwnerOf(s, PolicyType::kIdentity, -1), in_.file, AddIdentityPolicy(s, document),
                 s.question->caller_known()
                     ? PutInlinePolicy(t.principal, kFixPolicyName, CompactText(document))
                     : "",
                 ""};
    if (edit.patch.empty()) return;
    Candidate& c = out->emplace_back();
    c.summary = absl::StrCat(
        "Allow ", t.action, " on ", t.resource, " in a new inline policy ", kFixPolicyName, " of ",
        s.question->caller_known() ? t.principal : "the caller (the request names none)");
    c.edits.push_back(std::move(edit));
  }

  // The Principal and Condition of a resource-policy grant to the caller (a
  // service pinned to its source), filling `permission`; false (with the
  // reason noted) when no safe grant exists.
  bool ResourceGrantParts(const State& s, const GrantTarget& t, std::string* principal_json,
                          std::string* condition, LambdaPermission* permission) {
    const Caller& caller = s.request.caller();
    if (caller.type == CallerType::kAnonymous) {
      Unfixable("the caller is anonymous: iamsim never suggests opening a resource to anyone");
      return false;
    }
    if (caller.type == CallerType::kService) {
      const ContextEntry* source_arn = s.request.FindContext("aws:sourcearn");
      const ContextEntry* source_account = s.request.FindContext("aws:sourceaccount");
      if (source_arn == nullptr || source_arn->values.size() != 1) {
        Unfixable(
            absl::StrCat("the request names no aws:SourceArn: a grant to ", caller.name,
                         " without a source pin would let any account's resources use it; give the "
                         "calling resource's ARN in the request context first"));
        return false;
      }
      *principal_json = absl::StrCat("{\"Service\": ", JsonStringLiteral(caller.name), "}");
      *condition = absl::StrCat(
          "\"ArnLike\": {\"aws:SourceArn\": ", JsonStringLiteral(source_arn->values[0]), "}");
      permission->principal = std::string(caller.name);
      permission->source_arn = source_arn->values[0];
      if (source_account != nullptr && source_account->values.size() == 1 &&
          ServiceSendsSourceAccount(caller.name)) {
        absl::StrAppend(condition, ", \"StringEquals\": {\"aws:SourceAccount\": ",
                        JsonStringLiteral(source_account->values[0]), "}");
        permission->source_account = source_account->values[0];
      }
    } else {
      *principal_json = absl::StrCat("{\"AWS\": ", JsonStringLiteral(t.principal), "}");
      permission->principal = t.principal;
    }
    if (const ContextEntry* auth = s.request.FindContext("lambda:functionurlauthtype");
        auth != nullptr && auth->values.size() == 1 &&
        absl::EqualsIgnoreCase(t.action, "lambda:InvokeFunctionUrl")) {
      absl::StrAppend(condition, condition->empty() ? "" : ", ",
                      "\"StringEquals\": {\"lambda:FunctionUrlAuthType\": ",
                      JsonStringLiteral(auth->values[0]), "}");
      permission->function_url_auth_type = auth->values[0];
    }
    return true;
  }

  // A new statement in the resource (or trust) policy, or the policy itself.
  void GrantInResourcePolicy(const State& s, PolicyType type, std::vector<Candidate>* out) {
    const GrantTarget t = TargetOf(s);
    std::string principal_json, condition;
    LambdaPermission permission;
    permission.function_arn = t.resource;
    permission.action = t.action;
    if (!ResourceGrantParts(s, t, &principal_json, &condition, &permission)) return;
    const CompiledPolicy* existing = s.assembly.resource;
    const std::string sid = UniqueSid(existing);
    permission.statement_id = sid;
    const std::string statement = absl::StrCat(
        "{\"Sid\": ", JsonStringLiteral(sid),
        ", \"Effect\": \"Allow\", \"Principal\": ", principal_json,
        ", \"Action\": ", JsonStringLiteral(t.action), type == PolicyType::kRoleTrust ? "" : t.on,
        condition.empty() ? "" : absl::StrCat(", \"Condition\": {", condition, "}"), "}");
    std::optional<FixEdit> edit;
    std::string edited;
    if (existing != nullptr) {
      edit = EditPolicy(
          s, *existing,
          [&](const FileEditor::Document& d) { return AppendStatement(d.root, d.text, statement); },
          OwnerOf(s, type, -1), &edited);
    } else {
      edited = CompactText(
          absl::StrCat("{\"Version\": \"2012-10-17\", \"Statement\": [", statement, "]}"));
      JsonPatch patch = SetResourcePolicy(s, edited);
      if (!patch.empty()) edit = FixEdit{OwnerOf(s, type, -1), in_.file, std::move(patch), "", ""};
    }
    if (!edit) return;
    const bool lambda = absl::StartsWith(t.resource, "arn:") &&
                        absl::StrContains(t.resource, ":lambda:") && type == PolicyType::kResource;
    edit->command =
        lambda ? LambdaAddPermission(permission) : PutResourcePolicy(t.resource, type, edited);
    const bool service = s.request.caller().type == CallerType::kService;
    Candidate& c = out->emplace_back();
    c.summary = absl::StrCat(
        "Allow ", service ? std::string(s.request.caller().name) : t.principal, " ", t.action,
        " in the ", type == PolicyType::kRoleTrust ? "trust policy of " : "policy of ", t.resource,
        service ? absl::StrCat(", pinned to ", permission.source_arn) : "");
    c.edits.push_back(std::move(*edit));
  }

  // A new statement in the boundary, the session policy or the SCP of
  // `level`; in the shared ones (boundary, SCP) conditioned on the caller.
  void GrantInLimitingPolicy(const State& s, PolicyType type, int level,
                             std::vector<Candidate>* out) {
    const CompiledPolicy* policy = nullptr;
    if (type == PolicyType::kPermissionsBoundary) policy = s.assembly.boundary;
    if (type == PolicyType::kSession && !s.assembly.session.empty()) {
      policy = s.assembly.session[0];
    }
    if (type == PolicyType::kServiceControl && s.assembly.scp != nullptr && level >= 0 &&
        level < static_cast<int>(s.assembly.scp->levels.size()) &&
        !s.assembly.scp->levels[level].policies.empty()) {
      policy = s.assembly.scp->levels[level].policies[0];
    }
    if (policy == nullptr) return;
    const GrantTarget t = TargetOf(s);
    const bool scoped = type != PolicyType::kSession;
    if (scoped && t.principal.empty()) return;
    const std::string condition =
        scoped ? absl::StrCat(", \"Condition\": {\"ArnEquals\": {\"aws:PrincipalArn\": ",
                              JsonStringLiteral(t.principal), "}}")
               : "";
    const std::string statement = absl::StrCat("{\"Sid\": ", JsonStringLiteral(UniqueSid(policy)),
                                               ", ", t.head, t.on, condition, "}");
    std::string edited;
    std::optional<FixEdit> edit = EditPolicy(
        s, *policy,
        [&](const FileEditor::Document& d) { return AppendStatement(d.root, d.text, statement); },
        OwnerOf(s, type, level), &edited);
    if (!edit) return;
    edit->command = CommandForEditedPolicy(s, *policy, edited);
    Candidate& c = out->emplace_back();
    c.summary =
        absl::StrCat("Allow ", t.action, " on ", t.resource, " in the ", PolicyTypeName(type),
                     " policy ", Quote(policy->name()),
                     type == PolicyType::kServiceControl ? absl::StrCat(" at level ", level) : "",
                     scoped ? absl::StrCat(", for ", t.principal, " only") : "");
    c.edits.push_back(std::move(*edit));
  }

  // A new identity policy for the caller.
  JsonPatch AddIdentityPolicy(const State& s, const std::string& document) const {
    std::unique_ptr<FileEditor> editor = FileEditor::Open(s.text);
    if (editor == nullptr) return {};
    if (in_.kind == FixInputKind::kSimulation) {
      const std::string entry = absl::StrCat("{\"name\": ", JsonStringLiteral(kFixPolicyName),
                                             ", \"document\": ", document, "}");
      const JsonValue* list = editor->Find("/identityPolicies");
      if (list == nullptr) return {{"add", "/identityPolicies", absl::StrCat("[", entry, "]")}};
      if (!list->is_array()) return {};
      return {{"add", "/identityPolicies/-", entry}};
    }
    const std::string entry = JsonStringLiteral(CompactText(document));
    const JsonValue* list = editor->Find("/PolicyInputList");
    if (list == nullptr) return {{"add", "/PolicyInputList", absl::StrCat("[", entry, "]")}};
    return {{"add", "/PolicyInputList/-", entry}};
  }

  // A resource policy where there was none.
  JsonPatch SetResourcePolicy(const State& s, const std::string& document) const {
    std::unique_ptr<FileEditor> editor = FileEditor::Open(s.text);
    if (editor == nullptr) return {};
    const std::string path =
        in_.kind == FixInputKind::kSimulation ? "/resourcePolicy" : "/ResourcePolicy";
    const std::string value =
        in_.kind == FixInputKind::kSimulation ? document : JsonStringLiteral(document);
    const JsonValue* existing = editor->Find(path);
    if (existing == nullptr) return {{"add", path, value}};
    return {{"test", path, editor->TextOf(*existing)}, {"replace", path, value}};
  }

  const FixInput& in_;
  std::vector<std::string> unfixable_;
};

// Strangers to the fix: they must not gain access the fix gives the caller.
class Strangers {
 public:
  explicit Strangers(const State& original) : original_(original) {
    PolicyStoreBuilder builder;
    PolicyParseResult parsed = ParsePolicy(
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})",
        "stranger identity", PolicyType::kIdentity);
    builder.Add("stranger identity", std::move(*parsed.document));
    allow_all_store_ = std::move(builder).Build();
    allow_all_ = &allow_all_store_->policy(0);
  }

  // Whether no stranger is allowed with the fixed policies that was not with
  // the original ones, both asked with the fixed request (a change to the
  // request alone widens no one's access).
  bool Unchanged(const State& fixed) const {
    const std::vector<bool> before = Decisions(original_, fixed);
    const std::vector<bool> after = Decisions(fixed, fixed);
    for (size_t i = 0; i < after.size(); ++i) {
      if (after[i] && !before[i]) return false;
    }
    return true;
  }

 private:
  // Allowed or not, for each stranger, under the policies of `p` and the
  // request of `s`.
  std::vector<bool> Decisions(const State& p, const State& s) const {
    const Caller& caller = s.request.caller();
    const std::string account(caller.account);
    const std::string resource_account(s.request.resource_account());
    std::string other = "999999999999";
    if (other == account || other == resource_account) other = "888888888888";
    RequestContext context;
    for (const ContextEntry* e : s.question->context().Entries()) {
      const std::string lower = absl::AsciiStrToLower(e->name);
      if (PrincipalKey(lower)) continue;
      if (e->multivalued) {
        context.SetList(e->name, e->values);
      } else {
        context.Set(e->name, e->values.empty() ? "" : e->values[0]);
      }
    }
    const Request base = s.question->request();
    std::vector<bool> out;
    auto decide = [&](const std::string& principal, Assembly a, const RequestContext& c) {
      Request r = base;
      r.principal = principal;
      r.context = &c;
      PreparedRequest prepared;
      // Unindexed: the assembly mixes units of several stores, whose action
      // ids differ.
      EvaluateOptions options;
      options.use_index = false;
      out.push_back(PreparedRequest::Prepare(r, &prepared).ok() &&
                    Evaluate(a, prepared, options).kind == DecisionKind::kAllow);
    };
    // The stranger holds the caller's identity policies as they were: a
    // repair of a shared policy gives its holders what it was written to
    // give; a grant added for the caller (a new inline policy) is not theirs.
    const std::vector<const CompiledPolicy*> original_identity(original_.assembly.identity.begin(),
                                                               original_.assembly.identity.end());
    const std::vector<const CompiledPolicy*> allow_all = {allow_all_};
    if (caller.is_iam() && !account.empty()) {
      // Another role of the caller's account with the same identity policies.
      Assembly a = p.assembly;
      a.identity = original_identity;
      a.boundary = nullptr;
      a.session = {};
      decide(absl::StrCat("arn:aws:sts::", account, ":assumed-role/iamsim-stranger/stranger"), a,
             context);
    }
    {
      // A principal of another account, whose own policies allow everything.
      Assembly a = p.assembly;
      a.identity = allow_all;
      a.boundary = nullptr;
      a.session = {};
      a.scp = nullptr;
      decide(absl::StrCat("arn:aws:sts::", other, ":assumed-role/iamsim-stranger/stranger"), a,
             context);
    }
    decide("anonymous", p.assembly, context);
    if (caller.type == CallerType::kService) {
      // The same service on behalf of another account's resource.
      RequestContext deputy = context;
      deputy.Set("aws:SourceArn", absl::StrCat("arn:aws:s3:::iamsim-stranger-", other));
      deputy.Set("aws:SourceAccount", other);
      decide(std::string(caller.arn), p.assembly, deputy);
    }
    return out;
  }

  const State& original_;
  std::shared_ptr<const PolicyStore> allow_all_store_;
  const CompiledPolicy* allow_all_ = nullptr;
};

int KindRank(CandidateKind kind) {
  switch (kind) {
    case CandidateKind::kRepair:
      return 0;
    case CandidateKind::kRequest:
      return 1;
    case CandidateKind::kGrant:
      return 2;
    case CandidateKind::kNarrow:
      return 3;
  }
  return 4;
}

}  // namespace

FixReport FindFixes(const FixInput& input) {
  FixReport report;
  std::unique_ptr<State> original = Decide(input, input.text);
  if (original == nullptr || original->decision.kind == DecisionKind::kAllow ||
      original->blockers.empty()) {
    return report;
  }
  Finder finder(input);
  const Strangers strangers(*original);
  std::vector<Candidate> first = finder.For(*original, original->blockers[0]);
  std::stable_sort(first.begin(), first.end(), [](const Candidate& a, const Candidate& b) {
    return KindRank(a.kind) < KindRank(b.kind);
  });
  std::set<std::string> seen;
  for (Candidate& candidate : first) {
    if (report.fixes.size() >= kMaxFixes) break;
    Fix fix;
    std::vector<std::string> summaries;
    std::string text = input.text;
    Candidate step = std::move(candidate);
    bool allowed = false;
    for (int round = 0; round < kMaxRounds; ++round) {
      bool applied = true;
      for (FixEdit& edit : step.edits) {
        absl::StatusOr<std::string> next = ApplyJsonPatch(text, edit.patch);
        if (!next.ok()) {
          applied = false;
          break;
        }
        text = std::move(*next);
        fix.edits.push_back(std::move(edit));
      }
      if (!applied) break;
      summaries.push_back(step.summary);
      std::unique_ptr<State> state = Decide(input, text);
      if (state == nullptr) break;
      if (state->decision.kind == DecisionKind::kAllow) {
        allowed = strangers.Unchanged(*state);
        break;
      }
      if (state->blockers.empty()) break;
      // The next blocker, with its preferred change (never another narrowing
      // when a grant will do).
      std::vector<Candidate> next = finder.For(*state, state->blockers[0]);
      std::stable_sort(next.begin(), next.end(), [](const Candidate& a, const Candidate& b) {
        return KindRank(a.kind) < KindRank(b.kind);
      });
      if (next.empty()) break;
      step = std::move(next[0]);
    }
    if (!allowed) continue;
    std::string key;
    for (const FixEdit& e : fix.edits) key += JsonPatchText(e.patch);
    if (!seen.insert(key).second) continue;
    fix.summary = absl::StrJoin(summaries, "; and ");
    report.fixes.push_back(std::move(fix));
  }
  report.unfixable = finder.unfixable();
  return report;
}

}  // namespace iamsim
