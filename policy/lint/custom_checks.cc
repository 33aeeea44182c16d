// The offline custom checks (see custom_checks.h): each question of the
// check's space (custom_check_space.h) decided by the evaluator, stopping at
// the first witness a check needs, within kMaxCustomCheckQuestions.
#include "policy/lint/custom_checks.h"

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/types/span.h"
#include "policy/arn/arn.h"
#include "policy/compile/assembly.h"
#include "policy/compile/glob.h"
#include "policy/compile/policy_store.h"
#include "policy/conditions/witness.h"
#include "policy/evaluate/caller_keys.h"
#include "policy/evaluate/evaluator.h"
#include "policy/json/json_patch.h"
#include "policy/json/json_tree.h"
#include "policy/lint/custom_check_space.h"
#include "policy/lint/patterns.h"
#include "policy/lint/representatives.h"
#include "policy/parse/policy_parser.h"

namespace iamsim {
namespace {

using custom_check_space::Actor;
using custom_check_space::ActorKind;
using custom_check_space::AddUnique;
using custom_check_space::Compiled;
using custom_check_space::Contexts;
using custom_check_space::ContextSpec;
using custom_check_space::IamActor;
using custom_check_space::IdentitySide;
using custom_check_space::MakeSpace;
using custom_check_space::Mode;
using custom_check_space::Question;
using custom_check_space::Questions;
using custom_check_space::Settable;
using custom_check_space::Space;
using custom_check_space::Wanted;

// ---------------------------------------------------------------------------
// Inputs.

struct ParsedInput {
  std::optional<PolicyDocument> document;
  PolicyType type = PolicyType::kIdentity;
};

ParsedInput ParseInput(absl::string_view file, absl::string_view text,
                       std::optional<PolicyType> type, std::vector<Diagnostic>* diagnostics) {
  ParsedInput out;
  JsonParseResult json = ParseJson(text, file, kPolicyLimits);
  if (!json.root) {
    diagnostics->insert(diagnostics->end(), json.diagnostics.begin(), json.diagnostics.end());
    return out;
  }
  out.type =
      type ? *type : (json.root->is_object() ? InferPolicyType(*json.root) : PolicyType::kIdentity);
  PolicyParseResult parsed = ParsePolicy(text, file, out.type, kPolicyLimits);
  diagnostics->insert(diagnostics->end(), parsed.diagnostics.begin(), parsed.diagnostics.end());
  out.document = std::move(parsed.document);
  return out;
}

bool Compile(std::vector<std::pair<std::string, PolicyDocument>> documents, Compiled* out,
             std::vector<Diagnostic>* diagnostics) {
  PolicyStoreBuilder builder;
  std::vector<PolicyId> ids;
  bool ok = true;
  for (auto& [name, document] : documents) {
    ids.push_back(builder.Add(name, std::move(document)));
    const std::vector<Diagnostic>& d = builder.policy(ids.back()).diagnostics();
    diagnostics->insert(diagnostics->end(), d.begin(), d.end());
    ok &= !HasErrors(d);
  }
  const PolicyId allow_all = AddOutsiderIdentity(&builder);
  if (!ok) return false;
  out->store = std::move(builder).Build();
  out->target = &out->store->policy(ids[0]);
  if (ids.size() > 1) out->reference = &out->store->policy(ids[1]);
  out->allow_all = &out->store->policy(allow_all);
  return true;
}

// ---------------------------------------------------------------------------
// Asking the evaluator.

struct Witnessed {
  std::string witness;
  std::vector<uint32_t> statements;  // Allowing statements of the target.
};

class Asker {
 public:
  Asker(const Compiled& compiled, const Space& space) : compiled_(compiled), space_(space) {
    target_[0] = compiled.target;
    reference_[0] = compiled.reference;
    allow_all_[0] = compiled.allow_all;
  }

  size_t asked() const { return asked_; }
  bool exhausted() const { return asked_ >= kMaxCustomCheckQuestions; }

  // Whether `actor` doing `q` under `spec` is a witness; fills `out` then.
  bool Ask(const Actor& actor, const Question& q, const ContextSpec& spec, Witnessed* out);

 private:
  Assembly AssemblyFor(const CompiledPolicy* const* policy, const Actor& actor,
                       absl::string_view resource_account, OrgChain* chain) const;
  bool Allowed(const CompiledPolicy* const* policy, const Actor& actor,
               const PreparedRequest& prepared, absl::string_view resource_account,
               Decision* decision);

  const Compiled& compiled_;
  const Space& space_;
  const CompiledPolicy* target_[1];
  const CompiledPolicy* reference_[1];
  const CompiledPolicy* allow_all_[1];
  size_t asked_ = 0;
};

Assembly Asker::AssemblyFor(const CompiledPolicy* const* policy, const Actor& actor,
                            absl::string_view resource_account, OrgChain* chain) const {
  Assembly a;
  a.store = compiled_.store.get();
  const absl::Span<const CompiledPolicy* const> one(policy, 1);
  const absl::Span<const CompiledPolicy* const> all(allow_all_, 1);
  switch (space_.type) {
    case PolicyType::kIdentity:
      a.identity = one;
      break;
    case PolicyType::kResource:
    case PolicyType::kRoleTrust:
      a.resource = *policy;
      if (actor.kind == ActorKind::kIam && actor.account != resource_account) a.identity = all;
      break;
    case PolicyType::kPermissionsBoundary:
      a.identity = all;
      a.boundary = *policy;
      break;
    case PolicyType::kSession:
      a.identity = all;
      a.session = one;
      break;
    case PolicyType::kServiceControl:
    case PolicyType::kResourceControl:
      a.identity = all;
      chain->levels = {OrgLevel{std::string(resource_account), {*policy}}};
      (space_.type == PolicyType::kServiceControl ? a.scp : a.rcp) = chain;
      break;
  }
  return a;
}

bool Asker::Allowed(const CompiledPolicy* const* policy, const Actor& actor,
                    const PreparedRequest& prepared, absl::string_view resource_account,
                    Decision* decision) {
  ++asked_;
  OrgChain chain;
  const Assembly assembly = AssemblyFor(policy, actor, resource_account, &chain);
  *decision = Evaluate(assembly, prepared);
  return decision->kind == DecisionKind::kAllow;
}

std::string WitnessText(const Actor& actor, const Question& q, const RequestContext& context) {
  std::vector<std::string> entries;
  for (const ContextEntry* e : context.Entries()) {
    std::vector<std::string> values;
    for (const std::string& v : e->values) values.push_back(JsonStringLiteral(v));
    entries.push_back(absl::StrCat(
        JsonStringLiteral(e->name), ": ",
        e->multivalued ? absl::StrCat("[", absl::StrJoin(values, ", "), "]") : values.front()));
  }
  return absl::StrCat("{\"principal\": ", JsonStringLiteral(actor.principal),
                      ", \"action\": ", JsonStringLiteral(q.action),
                      ", \"resource\": ", JsonStringLiteral(q.resource), ", \"context\": {",
                      absl::StrJoin(entries, ", "), "}}");
}

bool Asker::Ask(const Actor& actor, const Question& q, const ContextSpec& spec, Witnessed* out) {
  if (exhausted()) return false;
  RequestContext context;
  for (const auto& [name, value] : actor.fixed) {
    if (name == "aws:PrincipalOrgPaths") {
      context.SetList(name, {value});
    } else {
      context.Set(name, value);
    }
  }
  for (const auto& [lower, entry] : spec) {
    const ContextKey key = MakeContextKey(entry.first);
    if (!entry.second.present || !Settable(actor, key)) continue;
    if (context.Find(lower) != nullptr) continue;  // Fixed for this actor.
    if (entry.second.list) {
      context.SetList(entry.first, {entry.second.value});
    } else {
      context.Set(entry.first, entry.second.value);
    }
  }
  const std::string account = IdentitySide(space_.type) ? actor.account : space_.owner;
  RequestContext resource_context;
  resource_context.Set("aws:ResourceAccount", account);
  Request request;
  request.principal = actor.principal;
  request.action = q.action;
  request.resource = q.resource;
  request.resource_account = account;
  request.context = &context;
  request.resource_context = &resource_context;
  PreparedRequest prepared;
  if (!PreparedRequest::Prepare(request, &prepared).ok()) return false;
  Decision decision;
  if (!Allowed(target_, actor, prepared, account, &decision)) return false;
  if (compiled_.reference != nullptr) {
    Decision before;
    if (Allowed(reference_, actor, prepared, account, &before)) return false;
  }
  out->witness = WitnessText(actor, q, context);
  out->statements.clear();
  for (const StatementRef& ref : decision.deciding) {
    if (ref.policy == compiled_.target->id()) out->statements.push_back(ref.statement);
  }
  return true;
}

// ---------------------------------------------------------------------------
// The search.

std::string Describe(const Space& space, const Actor& actor, const Question& q,
                     const Statement& s) {
  const std::string label =
      s.sid ? absl::StrCat("Statement ", s.index, " (Sid ", Quote(s.sid->value), ")")
            : absl::StrCat("Statement ", s.index);
  const std::string who = IdentitySide(space.type) ? std::string() : " to " + actor.description;
  const std::string what = absl::StrCat(label, " allows ", q.action, " on ", q.resource, who);
  switch (space.mode) {
    case Mode::kNoNewAccess:
      return absl::StrCat(what, ", which the reference policy does not allow");
    case Mode::kAccessNotGranted:
      return absl::StrCat(what, ", an access that must not be granted");
    case Mode::kNoPublicAccess:
      return absl::StrCat(what, ": the resource is public");
  }
  return what;
}

// The actors of one question: identity-side policies are held by a role of
// the resource's account.
std::vector<Actor> ActorsFor(const Space& space, const Question& q) {
  if (!IdentitySide(space.type)) return space.actors;
  std::string account = space.owner;
  ArnParts parts;
  if (SplitArn(q.resource, &parts) && IsAccountId(parts[4])) account = std::string(parts[4]);
  std::vector<Actor> out = {
      space.type == PolicyType::kSession
          ? IamActor(absl::StrCat("arn:aws:sts::", account, ":assumed-role/", kRepresentativeName,
                                  "/", kRepresentativeName),
                     "the session")
          : IamActor(absl::StrCat("arn:aws:iam::", account, ":role/", kRepresentativeName),
                     "the holder")};
  out.insert(out.end(), space.actors.begin(), space.actors.end());
  return out;
}

void AddReasons(const Space& space, const Compiled& compiled, const Actor& actor, const Question& q,
                const Witnessed& w, CustomCheckResult* result) {
  const PolicyDocument& document = compiled.target->document();
  for (uint32_t index : w.statements) {
    if (index >= document.statements.size()) continue;
    bool known = false;
    for (const CustomCheckReason& r : result->reasons) known |= r.statement_index == int(index);
    if (known) continue;
    const Statement& s = document.statements[index];
    result->reasons.push_back(CustomCheckReason{Describe(space, actor, q, s), int(index),
                                                s.sid ? s.sid->value : std::string(),
                                                document.LocationOf(s.location)});
  }
}

size_t AllowStatements(const Compiled& compiled) {
  size_t n = 0;
  for (const Statement& s : compiled.target->document().statements) {
    n += s.effect == Effect::kAllow;
  }
  return n;
}

CustomCheckResult Search(const Space& space, const Compiled& compiled) {
  CustomCheckResult result;
  Asker asker(compiled, space);
  std::map<std::string, std::vector<ContextSpec>> contexts;  // By `applies`.
  const size_t allows = AllowStatements(compiled);
  for (const Question& q : Questions(space)) {
    auto it = contexts.find(q.applies);
    if (it == contexts.end()) it = contexts.emplace(q.applies, Contexts(space, q.applies)).first;
    for (const Actor& actor : ActorsFor(space, q)) {
      for (const ContextSpec& spec : it->second) {
        Witnessed w;
        if (!asker.Ask(actor, q, spec, &w)) continue;
        if (result.pass) result.witness = w.witness;
        result.pass = false;
        AddReasons(space, compiled, actor, q, w, &result);
        break;  // One witness per actor and question is enough.
      }
      if (result.reasons.size() >= allows && !result.pass) break;
    }
    if ((result.reasons.size() >= allows && !result.pass) || asker.exhausted()) break;
  }
  result.questions = asker.asked();
  if (result.pass && asker.exhausted()) {
    result.pass = false;
    result.exhausted = true;
    result.reasons.push_back(
        CustomCheckReason{absl::StrCat("Undecided: the check asked its ", kMaxCustomCheckQuestions,
                                       " questions without covering every request; failing closed"),
                          -1, "", Location{}});
  }
  return result;
}

CustomCheckOutcome Run(Mode mode, std::vector<std::pair<std::string, ParsedInput>> inputs,
                       CustomCheckOutcome outcome, const LintOptions& options,
                       const std::function<void(Space*)>& configure = nullptr) {
  std::vector<std::pair<std::string, PolicyDocument>> documents;
  for (auto& [file, input] : inputs) {
    if (!input.document) return outcome;
    documents.emplace_back(file, std::move(*input.document));
  }
  if (HasErrors(outcome.diagnostics)) return outcome;
  const PolicyType type = inputs[0].second.type;
  if (mode == Mode::kNoPublicAccess && IdentitySide(type)) {
    outcome.result = CustomCheckResult();  // Only resource and trust policies grant to others.
    return outcome;
  }
  Compiled compiled;
  if (!Compile(std::move(documents), &compiled, &outcome.diagnostics)) return outcome;
  Space space = MakeSpace(compiled, mode, type, options, &outcome.diagnostics);
  if (configure) configure(&space);
  outcome.result = Search(space, compiled);
  return outcome;
}

}  // namespace

CustomCheckOutcome CheckNoNewAccess(absl::string_view reference_file,
                                    absl::string_view reference_text, absl::string_view file,
                                    absl::string_view text, const LintOptions& options) {
  CustomCheckOutcome outcome;
  ParsedInput now = ParseInput(file, text, options.policy_type, &outcome.diagnostics);
  ParsedInput before =
      ParseInput(reference_file, reference_text,
                 options.policy_type ? options.policy_type : now.type, &outcome.diagnostics);
  std::vector<std::pair<std::string, ParsedInput>> inputs;
  inputs.emplace_back(std::string(file), std::move(now));
  inputs.emplace_back(std::string(reference_file), std::move(before));
  return Run(Mode::kNoNewAccess, std::move(inputs), std::move(outcome), options);
}

CustomCheckOutcome CheckAccessNotGranted(absl::string_view file, absl::string_view text,
                                         const std::vector<std::string>& actions,
                                         const std::vector<std::string>& resources,
                                         const LintOptions& options) {
  CustomCheckOutcome outcome;
  std::vector<std::pair<std::string, ParsedInput>> inputs;
  inputs.emplace_back(std::string(file),
                      ParseInput(file, text, options.policy_type, &outcome.diagnostics));
  auto configure = [&](Space* space) {
    for (const std::string& a : actions) space->wanted_actions.push_back(GlobFromPolicyText(a));
    std::vector<std::string> named = space->resource_values;
    for (const std::string& r : resources) {
      if (r == "*") {
        space->wanted_resources.clear();
        space->given_resources.clear();
        return;
      }
      space->wanted_resources.push_back(GlobFromPolicyText(r));
      AddUnique(HasWildcard(r) ? ConcreteArn(r, space->owner) : r, &space->given_resources);
    }
    // The named resources inside the given patterns (b/secret/* within b/*).
    for (const std::string& r : named) {
      if (!space->wanted_resources.empty() && Wanted(*space, r)) {
        AddUnique(r, &space->given_resources);
      }
    }
  };
  return Run(Mode::kAccessNotGranted, std::move(inputs), std::move(outcome), options, configure);
}

CustomCheckOutcome CheckNoPublicAccess(absl::string_view file, absl::string_view text,
                                       const LintOptions& options) {
  CustomCheckOutcome outcome;
  std::optional<PolicyType> type = options.policy_type;
  if (!type && !options.resource_type.empty()) {
    type = PolicyTypeOfResourceType(options.resource_type);
  }
  std::vector<std::pair<std::string, ParsedInput>> inputs;
  inputs.emplace_back(std::string(file), ParseInput(file, text, type, &outcome.diagnostics));
  return Run(Mode::kNoPublicAccess, std::move(inputs), std::move(outcome), options);
}

std::string CustomCheckJson(const CustomCheckResult& result) {
  std::vector<std::string> reasons;
  for (const CustomCheckReason& r : result.reasons) {
    reasons.push_back(absl::StrCat("{\"description\": ", JsonStringLiteral(r.description),
                                   ", \"statementIndex\": ", r.statement_index,
                                   ", \"sid\": ", JsonStringLiteral(r.sid), "}"));
  }
  std::string out = absl::StrCat("{\"result\": \"", result.pass ? "PASS" : "FAIL",
                                 "\", \"reasons\": [", absl::StrJoin(reasons, ", "), "]");
  if (!result.pass && !result.witness.empty())
    absl::StrAppend(&out, ", \"witness\": ", result.witness);
  return out + "}";
}

}  // namespace iamsim
