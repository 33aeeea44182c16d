#include "policy/world/paths.h"

#include <algorithm>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "policy/arn/arn.h"
#include "policy/evaluate/evaluator.h"
#include "policy/explain/access_denied.h"
#include "policy/explain/report.h"

namespace iamsim {
namespace {

struct Decided {
  bool allowed = false;
  std::vector<std::string> because;
  std::vector<Diagnostic> errors;
};

// Decides a world question; `because` names the deciding statements, or
// gives AWS's AccessDenied sentence.
Decided Decide(const absl::StatusOr<WorldQuestion>& q) {
  Decided out;
  if (!q.ok()) {
    out.because.push_back(std::string(q.status().message()));
    return out;
  }
  if (!q->errors().empty()) {
    out.errors = q->errors();
    return out;
  }
  PreparedRequest request;
  if (const absl::Status s = PreparedRequest::Prepare(q->request(), &request); !s.ok()) {
    out.because.push_back(std::string(s.message()));
    return out;
  }
  const Assembly assembly = q->assembly();
  const Decision d = Evaluate(assembly, request);
  out.allowed = d.kind == DecisionKind::kAllow;
  if (!out.allowed) {
    out.because.push_back(AccessDeniedMessage(request, d));
    return out;
  }
  for (StatementRef ref : d.deciding) {
    const StatementInfo info = DescribeStatement(assembly, ref);
    // Organization policies that allow everything are the default, not a reason.
    if (info.type == PolicyType::kServiceControl || info.type == PolicyType::kResourceControl) {
      continue;
    }
    out.because.push_back(absl::StrCat("allowed by ", PolicyTypeName(info.type), " policy ",
                                       Quote(info.policy_name), " ", StatementLabel(info)));
  }
  return out;
}

std::string Service(absl::string_view arn) {
  ArnParts parts;
  return SplitArn(arn, &parts) && parts[0] == "arn" ? std::string(parts[2]) : "";
}

// What Lambda's poller does with the execution role (Lambda developer
// guide, the execution-role permissions of each event source).
std::vector<std::string> PollerActions(absl::string_view source_service) {
  if (source_service == "sqs") {
    return {"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"};
  }
  if (source_service == "kinesis") {
    return {"kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords",
            "kinesis:GetShardIterator", "kinesis:ListShards"};
  }
  if (source_service == "dynamodb") {
    return {"dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator",
            "dynamodb:ListStreams"};
  }
  return {};
}

// What Lambda does with the execution role to deliver to a destination.
std::string DeliveryAction(absl::string_view target_service) {
  if (target_service == "sqs") return "sqs:SendMessage";
  if (target_service == "sns") return "sns:Publish";
  if (target_service == "lambda") return "lambda:InvokeFunction";
  if (target_service == "events") return "events:PutEvents";
  if (target_service == "s3") return "s3:PutObject";
  return "";
}

std::string NormalQualifier(absl::string_view qualifier) {
  return qualifier == "$LATEST" ? "" : std::string(qualifier);
}

// Whether `arn` (a function ARN, maybe qualified) is `function` at `qualifier`.
bool Targets(const World& world, const WorldFunction& function, absl::string_view arn,
             absl::string_view qualifier) {
  std::string q;
  return world.FindFunction(arn, &q) == &function && NormalQualifier(q) == qualifier;
}

class PathFinder {
 public:
  PathFinder(const World& world, const WorldFunction& function)
      : world_(world), function_(function),
        role_(world.FindPrincipalByArn(function.execution_role)) {}

  void ForQualifier(const std::string& qualifier, std::vector<InvocationPath>* out) {
    const std::string arn =
        qualifier.empty() ? function_.arn : absl::StrCat(function_.arn, ":", qualifier);
    Callers(qualifier, arn, out);
    const FunctionTarget* target = function_.Target(qualifier);
    if (target != nullptr && target->url) Url(qualifier, arn, *target->url, out);
    for (const ApiRoute& route : world_.api_routes()) {
      if (Targets(world_, function_, route.function_arn, qualifier)) Api(qualifier, arn, route, out);
    }
    for (const EventSourceMapping& m : world_.event_source_mappings()) {
      if (Targets(world_, function_, m.function_arn, qualifier)) Mapping(qualifier, m, out);
    }
    if (target != nullptr && target->destinations) {
      if (!target->destinations->on_success.empty()) {
        Destination(qualifier, "success", target->destinations->on_success, out);
      }
      if (!target->destinations->on_failure.empty()) {
        Destination(qualifier, "failure", target->destinations->on_failure, out);
      }
    }
    if (qualifier.empty() && !function_.dead_letter_target.empty()) {
      Destination("", "dead-letter", function_.dead_letter_target, out);
    }
  }

 private:
  void Callers(const std::string& qualifier, const std::string& arn,
               std::vector<InvocationPath>* out) {
    const WhoCanResult who = WhoCan(world_, "lambda:InvokeFunction", arn);
    for (const WhoCanError& e : who.errors) {
      InvocationPath& p = Add(PathKind::kCaller, qualifier, out);
      p.errors.push_back(e.diagnostic);
      p.because.push_back(absl::StrCat(e.principal, ": not decided"));
    }
    for (const WhoCanEntry& e : who.principals) {
      if (e.kind == WhoKind::kService) {
        ServiceEntry(qualifier, arn, e, out);
        continue;
      }
      InvocationPath& p = Add(PathKind::kCaller, qualifier, out);
      p.allowed = true;
      p.caller = e;
      p.conditions = e.alternatives;
    }
  }

  void ServiceEntry(const std::string& qualifier, const std::string& arn, const WhoCanEntry& e,
                    std::vector<InvocationPath>* out) {
    const std::vector<ResidualTerm> alternatives =
        e.alternatives.empty() ? std::vector<ResidualTerm>{ResidualTerm{}} : e.alternatives;
    for (const ResidualTerm& term : alternatives) {
      InvocationPath& p = Add(PathKind::kService, qualifier, out);
      p.service = e.principal;
      p.allowed = true;
      if (!term.empty()) p.conditions = {term};
      AskOptions ask;
      for (const ResidualLiteral& literal : term) {
        const ConditionAtom atom = DescribeLiteral(literal);
        const std::string key = absl::AsciiStrToLower(atom.key);
        if (!literal.holds || atom.values.empty()) continue;
        const std::string value = absl::StrJoin(atom.values, ", ");
        if (key == "aws:sourcearn") p.source_arn = value;
        if (key == "aws:sourceaccount") p.source_account = value;
        if (key == "aws:sourcearn" || key == "aws:sourceaccount") {
          ask.overrides.Set(atom.key, atom.values[0]);
        }
      }
      p.pinned = !p.source_arn.empty() || !p.source_account.empty();
      const Decided d = Decide(world_.AskAs(e.principal, "lambda:InvokeFunction", arn, ask));
      p.because = d.allowed ? d.because
                            : std::vector<std::string>{absl::StrCat(
                                  "the function policy admits ", e.principal,
                                  " under the conditions listed")};
      if (!p.pinned) {
        p.warnings.push_back(absl::StrCat(
            "unpinned: any ", e.principal,
            " resource, in any account, can invoke the function; pin it with aws:SourceArn "
            "and aws:SourceAccount (lambda add-permission --source-arn, --source-account)"));
      } else if (p.source_account.empty() && absl::StartsWith(p.source_arn, "arn:aws:s3:::")) {
        p.warnings.push_back(
            "pinned by bucket name only: an S3 ARN names no account, so a bucket of that "
            "name in another account could invoke the function; add aws:SourceAccount");
      }
    }
  }

  void Url(const std::string& qualifier, const std::string& arn, const FunctionUrl& url,
           std::vector<InvocationPath>* out) {
    InvocationPath& p = Add(PathKind::kFunctionUrl, qualifier, out);
    p.auth_type = url.auth_type;
    const WhoCanResult who = WhoCan(world_, "lambda:InvokeFunctionUrl", arn);
    for (const WhoCanError& e : who.errors) p.errors.push_back(e.diagnostic);
    for (const WhoCanEntry& e : who.principals) {
      if (e.kind == WhoKind::kAnyone) p.is_public = url.auth_type == "NONE";
      if (e.kind != WhoKind::kService) p.url_callers.push_back(e);
    }
    p.allowed = !p.url_callers.empty();
    if (p.is_public) {
      p.warnings.push_back(
          "public: auth type NONE and the function policy admits \"*\"; anyone on the "
          "internet can invoke it");
      p.because.push_back("auth type NONE: Lambda does not authenticate the caller");
    } else if (url.auth_type == "NONE") {
      p.because.push_back(
          "auth type NONE, but no function policy statement admits \"*\" for "
          "lambda:InvokeFunctionUrl: the URL answers 403");
    } else if (p.allowed) {
      p.because.push_back(absl::StrCat("auth type AWS_IAM: ", p.url_callers.size(),
                                       " principals may sign requests to it"));
    } else {
      p.because.push_back("auth type AWS_IAM, and no principal may call lambda:InvokeFunctionUrl");
    }
  }

  void Api(const std::string& qualifier, const std::string& arn, const ApiRoute& route,
           std::vector<InvocationPath>* out) {
    InvocationPath& p = Add(PathKind::kApiGateway, qualifier, out);
    p.route = &route;
    Decided d;
    if (route.credentials_role.empty()) {
      AskOptions ask;
      ask.overrides.Set("aws:SourceArn", route.SourceArn());
      ask.overrides.Set("aws:SourceAccount", route.account);
      d = Decide(world_.AskAs("apigateway.amazonaws.com", "lambda:InvokeFunction", arn, ask));
      if (!d.allowed) {
        d.because.push_back(absl::StrCat(
            "no function policy statement admits apigateway.amazonaws.com for ",
            route.SourceArn(), ": API Gateway answers 500 (Invalid permissions on Lambda "
            "function)"));
      }
    } else if (const WorldPrincipal* role = world_.FindPrincipalByArn(route.credentials_role)) {
      d = Decide(world_.Ask(*role, "lambda:InvokeFunction", arn, AskOptions{}));
      d.because.insert(d.because.begin(),
                       absl::StrCat("API Gateway invokes as the credentials role ",
                                    route.credentials_role));
    } else {
      d.because.push_back(absl::StrCat("the credentials role ", route.credentials_role,
                                       " is not in the world: unknown"));
    }
    p.allowed = d.allowed;
    p.because = std::move(d.because);
    p.errors = std::move(d.errors);
  }

  void Mapping(const std::string& qualifier, const EventSourceMapping& m,
               std::vector<InvocationPath>* out) {
    InvocationPath& p = Add(PathKind::kEventSourceMapping, qualifier, out);
    p.mapping = &m;
    p.execution_role = function_.execution_role;
    if (m.state == "Disabled") p.warnings.push_back("the mapping is disabled");
    const std::vector<std::string> actions = PollerActions(Service(m.event_source_arn));
    if (actions.empty()) {
      p.because.push_back(absl::StrCat("iamsim does not know what Lambda's poller needs for ",
                                       m.event_source_arn));
      return;
    }
    Execute(actions, m.event_source_arn, &p);
  }

  void Destination(const std::string& qualifier, const std::string& on, const std::string& target,
                   std::vector<InvocationPath>* out) {
    InvocationPath& p = Add(PathKind::kDestination, qualifier, out);
    p.on = on;
    p.target = target;
    p.execution_role = function_.execution_role;
    const std::string action = DeliveryAction(Service(target));
    if (action.empty()) {
      p.because.push_back(absl::StrCat("iamsim does not know how Lambda delivers to ", target));
      return;
    }
    Execute({action}, target, &p);
  }

  // The execution role doing each of `actions` on `resource`.
  void Execute(const std::vector<std::string>& actions, const std::string& resource,
               InvocationPath* p) {
    if (role_ == nullptr) {
      p->because.push_back(absl::StrCat("the execution role ", function_.execution_role,
                                        " is not in the world: unknown"));
      return;
    }
    for (const std::string& action : actions) {
      const Decided d = Decide(world_.Ask(*role_, action, resource, AskOptions{}));
      p->errors.insert(p->errors.end(), d.errors.begin(), d.errors.end());
      if (!d.allowed) p->missing_actions.push_back(action);
      for (const std::string& line : d.because) p->because.push_back(absl::StrCat(action, ": ", line));
    }
    p->allowed = p->missing_actions.empty() && p->errors.empty();
    ArnParts parts;
    if (SplitArn(resource, &parts) && parts[4] != role_->account) {
      p->warnings.push_back(absl::StrCat(
          resource, " is in another account: its own policy (not in the world) must also "
                    "allow the execution role"));
    } else if (!world_.FindFunction(resource, nullptr)) {
      p->warnings.push_back(absl::StrCat(
          "the policy of ", resource,
          " is not in the world; within the account it could only add a Deny"));
    }
  }

  InvocationPath& Add(PathKind kind, const std::string& qualifier,
                      std::vector<InvocationPath>* out) {
    InvocationPath& p = out->emplace_back();
    p.kind = kind;
    p.qualifier = qualifier;
    return p;
  }

  const World& world_;
  const WorldFunction& function_;
  const WorldPrincipal* role_;
};

}  // namespace

absl::string_view PathKindName(PathKind kind) {
  switch (kind) {
    case PathKind::kCaller: return "caller";
    case PathKind::kFunctionUrl: return "function-url";
    case PathKind::kApiGateway: return "api-gateway";
    case PathKind::kService: return "service";
    case PathKind::kEventSourceMapping: return "event-source-mapping";
    case PathKind::kDestination: return "destination";
  }
  return "?";
}

std::vector<InvocationPath> Paths(const World& world, const WorldFunction& function,
                                  const std::optional<std::string>& qualifier) {
  std::vector<std::string> qualifiers;
  if (qualifier) {
    qualifiers.push_back(NormalQualifier(*qualifier));
  } else {
    std::set<std::string> known;
    for (const FunctionTarget& t : function.targets) known.insert(t.qualifier);
    for (const auto& [alias, version] : function.aliases) known.insert(alias);
    qualifiers.assign(known.begin(), known.end());  // "" (unqualified) first.
  }
  std::vector<InvocationPath> out;
  PathFinder finder(world, function);
  for (const std::string& q : qualifiers) finder.ForQualifier(q, &out);
  std::stable_sort(out.begin(), out.end(), [](const InvocationPath& a, const InvocationPath& b) {
    return a.kind < b.kind;
  });
  return out;
}

}  // namespace iamsim
