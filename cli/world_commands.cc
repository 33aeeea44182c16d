// iamsim can / who-can / paths: questions about a world (README, "Worlds").
#include <iostream>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "cli/commands.h"
#include "policy/arn/arn.h"
#include "policy/arn/principal_arn.h"
#include "policy/evaluate/evaluator.h"
#include "policy/explain/json_writer.h"
#include "policy/explain/report.h"
#include "policy/fix/world_fixes.h"
#include "policy/json/json_patch.h"
#include "policy/parse/policy_parser.h"
#include "policy/world/paths.h"
#include "policy/world/simulation_export.h"
#include "policy/world/who_can.h"
#include "policy/world/world.h"

namespace iamsim::cli {
namespace {

// Loads the world; on errors prints them and returns null.
std::shared_ptr<const World> Load(const std::string& directory) {
  WorldLoadResult loaded = LoadWorld(directory);
  if (!loaded.world) {
    std::cerr << FormatDiagnostics(loaded.diagnostics);
    std::cerr << directory << ": the world could not be loaded\n";
  }
  return loaded.world;
}

// KEY=VALUE pairs; a key given several times is a list.
bool ParsePairs(const std::vector<std::string>& pairs, absl::string_view flag,
                std::vector<std::pair<std::string, std::string>>* out) {
  for (const std::string& pair : pairs) {
    const size_t eq = pair.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::cerr << flag << " " << Quote(pair) << ": write KEY=VALUE\n";
      return false;
    }
    out->emplace_back(pair.substr(0, eq), pair.substr(eq + 1));
  }
  return true;
}

RequestContext ContextOf(const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::map<std::string, std::vector<std::string>> values;
  std::vector<std::string> order;
  for (const auto& [key, value] : pairs) {
    if (values.find(key) == values.end()) order.push_back(key);
    values[key].push_back(value);
  }
  RequestContext context;
  for (const std::string& key : order) {
    if (values[key].size() == 1) {
      context.Set(key, values[key][0]);
    } else {
      context.SetList(key, values[key]);
    }
  }
  return context;
}

// Checks an exact action and resource; prints why not.
bool ExactRequest(absl::string_view action, absl::string_view resource) {
  Request r{"arn:aws:iam::123456789012:root", action, resource, "", nullptr};
  PreparedRequest prepared;
  const absl::Status status = PreparedRequest::Prepare(r, &prepared);
  if (status.ok()) return true;
  std::cerr << status.message() << "\n";
  return false;
}

std::string RootArn(absl::string_view spec) {
  if (absl::StartsWith(spec, "arn:")) {
    std::optional<PrincipalArn> arn = ParsePrincipalArn(spec);
    return arn && arn->kind == PrincipalArnKind::kRoot ? std::string(spec) : "";
  }
  if (spec.size() == 17 && absl::EndsWith(spec, ":root") && IsAccountId(spec.substr(0, 12))) {
    return absl::StrCat("arn:aws:iam::", spec.substr(0, 12), ":root");
  }
  return "";
}

}  // namespace

namespace {

// `can --apply-fix N`: the one world file fix N edits, with its patches
// applied (every other byte as it was). A fix that edits several files, or
// none (a change to the call, a policy the world has no file for), is
// refused with what it asks for instead.
int ApplyWorldFix(const FixReport& report, int number) {
  if (number < 1 || static_cast<size_t>(number) > report.fixes.size()) {
    std::cerr << "no fix " << number << "; iamsim has " << report.fixes.size()
              << " for this question (iamsim can ... lists them)\n";
    return kExitInputError;
  }
  const Fix& fix = report.fixes[number - 1];
  std::set<std::string> files;
  for (const FixEdit& edit : fix.edits) {
    if (!edit.file.empty()) files.insert(edit.file);
  }
  if (files.size() != 1) {
    std::cerr << "fix " << number << " edits " << files.size()
              << " world files; apply its edits one by one (--format json lists each patch):\n";
    for (const FixEdit& edit : fix.edits) {
      std::cerr << "  " << (edit.file.empty() ? edit.instruction : edit.file) << "\n";
      if (!edit.command.empty()) std::cerr << "    " << edit.command << "\n";
    }
    return kExitInputError;
  }
  absl::StatusOr<std::string> text = ReadInput(*files.begin(), kWorldFileLimits.max_bytes);
  if (!text.ok()) {
    std::cerr << text.status().message() << "\n";
    return kExitInputError;
  }
  std::string out = std::move(*text);
  for (const FixEdit& edit : fix.edits) {
    if (edit.file.empty()) continue;
    absl::StatusOr<std::string> next = ApplyJsonPatch(out, edit.patch);
    if (!next.ok()) {  // The file changed since the world was loaded.
      std::cerr << edit.file << ": " << next.status().message() << "\n";
      return kExitInputError;
    }
    out = std::move(*next);
  }
  std::cout << out;
  return kExitOk;
}

}  // namespace

int RunCan(const CanOptions& options) {
  if (!ExactRequest(options.action, options.resource)) return kExitInputError;
  std::vector<std::pair<std::string, std::string>> context_pairs, tags;
  if (!ParsePairs(options.context, "--context", &context_pairs) ||
      !ParsePairs(options.session_tags, "--session-tag", &tags)) {
    return kExitInputError;
  }
  std::shared_ptr<const World> world = Load(options.world);
  if (!world) return kExitInputError;

  AskOptions ask;
  ask.session_name = options.session_name;
  ask.session_tags = tags;
  ask.overrides = ContextOf(context_pairs);
  std::shared_ptr<const PolicyStore> session_store;
  if (!options.session_policy.empty()) {
    absl::StatusOr<std::string> text = ReadInput(options.session_policy, kPolicyLimits.max_bytes);
    if (!text.ok()) {
      std::cerr << text.status().message() << "\n";
      return kExitInputError;
    }
    PolicyParseResult parsed =
        ParsePolicy(*text, options.session_policy, PolicyType::kSession, kPolicyLimits);
    std::cerr << FormatDiagnostics(parsed.diagnostics);
    if (!parsed.document) return kExitInputError;
    PolicyStoreBuilder overlay(world->shared_store());
    const PolicyId id = overlay.Add(options.session_policy, std::move(*parsed.document));
    session_store = std::move(overlay).Build();
    ask.session_policy = &session_store->policy(id);
    ask.session_store = session_store.get();
    ask.session_policy_text = *text;
  }

  // The caller: a world user or role (or a session of one), a world
  // account's root user, or a principal outside the world.
  absl::StatusOr<WorldQuestion> question = absl::UnknownError("");
  std::string outside_note;
  const PrincipalLookup lookup = world->FindPrincipal(options.principal);
  if (lookup.principal != nullptr) {
    if (std::optional<PrincipalArn> arn = ParsePrincipalArn(options.principal);
        arn && arn->kind == PrincipalArnKind::kAssumedRole) {
      ask.session_name = std::string(arn->session);
    }
    question = world->Ask(*lookup.principal, options.action, options.resource, ask);
  } else if (const std::string root = RootArn(options.principal); !root.empty()) {
    question = world->AskAs(root, options.action, options.resource, ask);
  } else if (lookup.candidates.empty() &&
             (!absl::StartsWith(options.principal, "arn:") ||
              (ParsePrincipalArn(options.principal) &&
               world->FindAccount(ParsePrincipalArn(options.principal)->account) == nullptr))) {
    // A service, a federated provider, anonymous or a principal of another
    // account: its own policies are not in the world.
    Request r{options.principal, options.action, options.resource, "", nullptr};
    PreparedRequest prepared;
    if (const absl::Status status = PreparedRequest::Prepare(r, &prepared); !status.ok()) {
      std::cerr << lookup.error << "\n";
      return kExitInputError;
    }
    ask.outside_identity_allows = prepared.caller().is_iam();
    if (ask.outside_identity_allows) {
      outside_note = absl::StrCat(options.principal,
                                  " is outside the world: its own identity policies are not "
                                  "known and are assumed to allow.");
    }
    question = world->AskAs(options.principal, options.action, options.resource, ask);
  } else {
    std::cerr << lookup.error << "\n";
    return kExitInputError;
  }
  if (!question.ok()) {
    std::cerr << question.status().message() << "\n";
    return kExitInputError;
  }
  if (!question->errors().empty()) {
    std::cerr << FormatDiagnostics(question->errors());
    std::cerr << "the world cannot answer this question: a document it needs is missing or "
                 "malformed (above)\n";
    return kExitInputError;
  }
  if (options.emit_simulation) {
    std::cout << SimulationJson(*question, absl::StrCat("can ", question->principal(), " ",
                                                        options.action, " ", options.resource));
    return kExitOk;
  }
  PreparedRequest prepared;
  if (const absl::Status status = PreparedRequest::Prepare(question->request(), &prepared);
      !status.ok()) {
    std::cerr << status.message() << "\n";
    return kExitInputError;
  }
  const Assembly assembly = question->assembly();
  Explanation explanation;
  const Decision decision = Evaluate(assembly, prepared, {}, &explanation);
  if (!outside_note.empty()) explanation.notes.push_back(outside_note);
  if (assembly.resource == nullptr && question->function_target() == nullptr &&
      world->FindPrincipalByArn(options.resource) == nullptr) {
    explanation.notes.push_back(absl::StrCat(
        "The world holds no resource-based policy for ", options.resource,
        decision.cross_account
            ? "; a cross-account request needs one that allows, so this answer may change once "
              "it is known."
            : "; within its account, such a policy could only add a Deny (or an Allow where "
              "the identity policies do not allow)."));
  }
  const std::vector<Diagnostic> no_diagnostics;
  // Fixes as `simulate` finds them, carried to the world's own files.
  const FixReport fixes =
      decision.kind != DecisionKind::kAllow ? FindWorldFixes(*question) : FixReport{};
  if (options.apply_fix > 0) return ApplyWorldFix(fixes, options.apply_fix);
  ReportInput report{options.world, absl::StrCat("can ", options.principal),
                     &assembly,     &prepared,
                     &decision,     &explanation,
                     nullptr,       &no_diagnostics,
                     &fixes};
  if (options.format == "json") {
    JsonWriter json;
    WriteJsonReport(report, &json);
    std::cout << json.str() << "\n";
  } else {
    std::cout << RenderText(report);
  }
  return kExitOk;
}

namespace {

void WriteConditions(const std::vector<ResidualTerm>& alternatives, JsonWriter* json) {
  json->Key("conditions");
  json->BeginArray();
  for (const ResidualTerm& term : alternatives) {
    json->BeginArray();
    for (const ResidualLiteral& literal : term) {
      const ConditionAtom atom = DescribeLiteral(literal);
      json->BeginObject();
      json->Field("operator", atom.op);
      json->Field("key", atom.key);
      json->Key("values");
      json->BeginArray();
      for (const std::string& v : atom.values) json->String(v);
      json->EndArray();
      json->EndObject();
    }
    json->EndArray();
  }
  json->EndArray();
}

std::string AtomText(const ResidualLiteral& literal) {
  const ConditionAtom atom = DescribeLiteral(literal);
  return absl::StrCat(atom.op, " ", atom.key, " ",
                      atom.values.size() == 1
                          ? atom.values[0]
                          : absl::StrCat("[", absl::StrJoin(atom.values, ", "), "]"));
}

// "only when A and B\n or when C" under an entry.
std::string ConditionsText(const std::vector<ResidualTerm>& alternatives,
                           const std::string& indent) {
  std::string out;
  for (size_t i = 0; i < alternatives.size(); ++i) {
    absl::StrAppend(&out, indent, i == 0 ? "only when " : "or when   ");
    for (size_t j = 0; j < alternatives[i].size(); ++j) {
      absl::StrAppend(&out, j == 0 ? "" : absl::StrCat("\n", indent, "      and "),
                      AtomText(alternatives[i][j]));
    }
    out += "\n";
  }
  return out;
}

void WriteWhoCanError(const WhoCanError& e, JsonWriter* json) {
  json->BeginObject();
  json->Field("principal", e.principal);
  json->Field("file", e.diagnostic.location.file);
  json->Field("path", e.diagnostic.location.DisplayPointer());
  if (e.diagnostic.location.span.known()) {
    json->Field("line", static_cast<int64_t>(e.diagnostic.location.span.begin.line));
    json->Field("column", static_cast<int64_t>(e.diagnostic.location.span.begin.column));
  }
  json->Field("message", e.diagnostic.message);
  json->EndObject();
}

}  // namespace

int RunWhoCan(const WhoCanCommandOptions& options) {
  if (!ExactRequest(options.action, options.resource)) return kExitInputError;
  std::vector<std::pair<std::string, std::string>> context_pairs;
  if (!ParsePairs(options.context, "--context", &context_pairs)) return kExitInputError;
  std::shared_ptr<const World> world = Load(options.world);
  if (!world) return kExitInputError;
  WhoCanOptions who;
  who.via_assume_role = options.via_assume_role;
  who.overrides = ContextOf(context_pairs);
  const WhoCanResult result = WhoCan(*world, options.action, options.resource, who);
  if (options.format == "json") {
    JsonWriter json;
    json.BeginObject();
    json.Field("action", options.action);
    json.Field("resource", options.resource);
    json.Key("principals");
    json.BeginArray();
    for (const WhoCanEntry& e : result.principals) {
      json.BeginObject();
      json.Field("principal", e.principal);
      json.Field("kind", WhoKindName(e.kind));
      json.Field("decision", "Allow");
      WriteConditions(e.alternatives, &json);
      if (!e.via.empty()) {
        json.Key("via");
        json.BeginArray();
        for (const std::string& role : e.via) json.String(role);
        json.EndArray();
      }
      json.EndObject();
    }
    json.EndArray();
    json.Key("errors");
    json.BeginArray();
    for (const WhoCanError& e : result.errors) WriteWhoCanError(e, &json);
    json.EndArray();
    json.EndObject();
    std::cout << json.str() << "\n";
  } else {
    std::cout << "Who can " << options.action << " on " << options.resource << "\n";
    size_t conditional = 0;
    for (const WhoCanEntry& e : result.principals) {
      std::cout << "  " << absl::StrFormat("%-9s", WhoKindName(e.kind)) << " " << e.principal;
      if (!e.via.empty()) std::cout << "  via " << absl::StrJoin(e.via, " -> ");
      std::cout << "\n" << ConditionsText(e.alternatives, "              ");
      conditional += e.alternatives.empty() ? 0 : 1;
    }
    if (!result.errors.empty()) {
      std::cout << "\nNot decided (a document they need is missing or malformed)\n";
      for (const WhoCanError& e : result.errors) {
        std::cout << "  " << e.principal << "\n      " << FormatDiagnostic(e.diagnostic) << "\n";
      }
    }
    std::cout << "\n"
              << result.principals.size() << " principals may (" << conditional
              << " only under conditions); " << result.errors.size() << " not decided\n";
  }
  return result.errors.empty() ? kExitOk : kExitInputError;
}

}  // namespace iamsim::cli

namespace iamsim::cli {
namespace {

void WriteStringList(absl::string_view key, const std::vector<std::string>& values,
                     JsonWriter* json) {
  json->Key(key);
  json->BeginArray();
  for (const std::string& v : values) json->String(v);
  json->EndArray();
}

void WriteNullable(absl::string_view key, const std::string& value, JsonWriter* json) {
  json->Key(key);
  if (value.empty()) {
    json->Null();
  } else {
    json->String(value);
  }
}

void WritePath(const InvocationPath& p, JsonWriter* json) {
  json->BeginObject();
  json->Field("kind", PathKindName(p.kind));
  json->Field("qualifier", p.qualifier);
  json->Field("decision", p.allowed ? "Allow" : "Deny");
  switch (p.kind) {
    case PathKind::kCaller:
      if (p.caller) {
        json->Field("principal", p.caller->principal);
        json->Field("principalKind", WhoKindName(p.caller->kind));
      }
      WriteConditions(p.conditions, json);
      break;
    case PathKind::kFunctionUrl:
      json->Field("authType", p.auth_type);
      json->Field("public", p.is_public);
      json->Key("callers");
      json->BeginArray();
      for (const WhoCanEntry& e : p.url_callers) {
        json->BeginObject();
        json->Field("principal", e.principal);
        json->Field("kind", WhoKindName(e.kind));
        WriteConditions(e.alternatives, json);
        json->EndObject();
      }
      json->EndArray();
      break;
    case PathKind::kApiGateway:
      json->Field("apiId", p.route->api_id);
      json->Field("apiType", p.route->api_type);
      json->Field("method", p.route->method);
      json->Field("path", p.route->path);
      json->Field("sourceArn", p.route->SourceArn());
      WriteNullable("credentialsRole", p.route->credentials_role, json);
      break;
    case PathKind::kService:
      json->Field("service", p.service);
      WriteNullable("sourceArn", p.source_arn, json);
      WriteNullable("sourceAccount", p.source_account, json);
      json->Field("pinned", p.pinned);
      WriteConditions(p.conditions, json);
      break;
    case PathKind::kEventSourceMapping:
      json->Field("uuid", p.mapping->uuid);
      json->Field("eventSourceArn", p.mapping->event_source_arn);
      json->Field("executionRole", p.execution_role);
      WriteStringList("missingActions", p.missing_actions, json);
      break;
    case PathKind::kDestination:
      json->Field("on", p.on);
      json->Field("target", p.target);
      json->Field("executionRole", p.execution_role);
      WriteStringList("missingActions", p.missing_actions, json);
      break;
  }
  WriteStringList("because", p.because, json);
  WriteStringList("warnings", p.warnings, json);
  json->Key("errors");
  json->BeginArray();
  for (const Diagnostic& d : p.errors) json->String(FormatDiagnostic(d));
  json->EndArray();
  json->EndObject();
}

std::string PathTitle(const InvocationPath& p) {
  switch (p.kind) {
    case PathKind::kCaller:
      return p.caller ? absl::StrCat(WhoKindName(p.caller->kind), " ", p.caller->principal)
                      : "(not decided)";
    case PathKind::kFunctionUrl:
      return absl::StrCat("auth ", p.auth_type, p.is_public ? ", PUBLIC" : "", ", ",
                          p.url_callers.size(), " callers");
    case PathKind::kApiGateway:
      return absl::StrCat(
          p.route->api_type, " API ", p.route->api_id, " ", p.route->method, " ", p.route->path,
          p.route->credentials_role.empty() ? "" : absl::StrCat(" as ", p.route->credentials_role));
    case PathKind::kService:
      return absl::StrCat(p.service, p.pinned ? "" : " (unpinned)");
    case PathKind::kEventSourceMapping:
      return absl::StrCat(p.mapping->event_source_arn, " (", p.mapping->uuid, ")");
    case PathKind::kDestination:
      return absl::StrCat("on ", p.on, " -> ", p.target);
  }
  return "";
}

}  // namespace

int RunPaths(const PathsOptions& options) {
  std::shared_ptr<const World> world = Load(options.world);
  if (!world) return kExitInputError;
  std::string qualifier;
  const WorldFunction* function = world->FindFunction(options.function, &qualifier);
  if (function == nullptr) {
    std::cerr << "no function " << Quote(options.function)
              << " in the world; give its ARN, NAME or NAME:QUALIFIER\n";
    return kExitInputError;
  }
  const bool qualified = options.function.find(':') != std::string::npos &&
                         (!absl::StartsWith(options.function, "arn:") || !qualifier.empty());
  const std::vector<InvocationPath> paths =
      Paths(*world, *function, qualified ? std::optional<std::string>(qualifier) : std::nullopt);
  bool errors = false;
  for (const InvocationPath& p : paths) errors |= !p.errors.empty();
  if (options.format == "json") {
    JsonWriter json;
    json.BeginObject();
    json.Field("function", function->arn);
    json.Key("paths");
    json.BeginArray();
    for (const InvocationPath& p : paths) WritePath(p, &json);
    json.EndArray();
    json.EndObject();
    std::cout << json.str() << "\n";
  } else {
    std::cout << "Ways to invoke " << function->arn << "\n";
    PathKind kind = PathKind::kCaller;
    bool first = true;
    for (const InvocationPath& p : paths) {
      if (first || p.kind != kind) std::cout << "\n" << PathKindName(p.kind) << "\n";
      first = false;
      kind = p.kind;
      std::cout << "  " << (p.allowed ? "Allow" : "Deny ") << "  "
                << (p.qualifier.empty() ? "" : absl::StrCat(":", p.qualifier, "  ")) << PathTitle(p)
                << "\n";
      std::cout << ConditionsText(p.conditions, "           ");
      for (const std::string& line : p.because) std::cout << "           " << line << "\n";
      if (!p.missing_actions.empty()) {
        std::cout << "           missing: " << absl::StrJoin(p.missing_actions, ", ") << "\n";
      }
      for (const std::string& w : p.warnings) std::cout << "           warning: " << w << "\n";
      for (const Diagnostic& d : p.errors) {
        std::cout << "           " << FormatDiagnostic(d) << "\n";
      }
    }
  }
  return errors ? kExitInputError : kExitOk;
}

}  // namespace iamsim::cli
