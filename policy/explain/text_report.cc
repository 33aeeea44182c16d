// RenderText: the "why denied" report a person reads.
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "policy/explain/access_denied.h"
#include "policy/explain/blockers.h"
#include "policy/explain/expectation.h"
#include "policy/explain/near_miss.h"
#include "policy/explain/report.h"
#include "policy/explain/report_facts.h"

namespace iamsim {
namespace {

absl::string_view TypeTitle(PolicyType type) {
  switch (type) {
    case PolicyType::kIdentity:
      return "identity-based policies";
    case PolicyType::kResource:
      return "resource-based policy";
    case PolicyType::kRoleTrust:
      return "role trust policy";
    case PolicyType::kPermissionsBoundary:
      return "permissions boundary";
    case PolicyType::kSession:
      return "session policy";
    case PolicyType::kServiceControl:
      return "service control policies";
    case PolicyType::kResourceControl:
      return "resource control policies";
  }
  return "?";
}

std::string Where(const StatementInfo& info) {
  return absl::StrCat(info.location.file, ":", FormatPosition(info.location.span.begin));
}

std::string StatementLine(const Assembly& assembly, StatementRef ref) {
  const StatementInfo info = DescribeStatement(assembly, ref);
  return absl::StrFormat("%-5s %s \"%s\"%s %s  %s", EffectName(info.effect),
                         PolicyTypeName(info.type), info.policy_name,
                         info.level >= 0 ? absl::StrCat(" (level ", info.level, ")") : "",
                         StatementLabel(info), Where(info));
}

}  // namespace

std::string RenderText(const ReportInput& in) {
  const Decision& d = *in.decision;
  const PreparedRequest& request = *in.request;
  const Caller& caller = request.caller();
  std::string out;
  // A deny starts with AWS's own AccessDenied sentence, as the console and
  // CLI would print it.
  if (d.kind != DecisionKind::kAllow) absl::StrAppend(&out, AccessDeniedMessage(request, d), "\n");
  absl::StrAppend(&out, in.source, in.name.empty() ? "" : absl::StrCat(" (", in.name, ")"), "\n");
  absl::StrAppend(&out, "DECISION: ", DecisionKindName(d.kind));
  if (in.expected != nullptr && !in.expected->empty()) {
    const ExpectationCheck check = CheckExpectation(*in.expected, *in.assembly, d);
    absl::StrAppend(&out, check.passed ? "  (as expected)" : "  NOT AS EXPECTED");
    for (const std::string& failure : check.failures) absl::StrAppend(&out, "\n  ", failure);
  }
  out += "\n";

  absl::StrAppend(&out, "\nRequest\n");
  absl::StrAppend(&out, "  principal  ", caller.arn, "  (", CallerTypeName(caller.type),
                  caller.account.empty() ? "" : absl::StrCat(", account ", caller.account), ")\n");
  absl::StrAppend(&out, "  action     ", request.action(), "\n");
  absl::StrAppend(&out, "  resource   ", request.resource(), "  (account ",
                  request.resource_account().empty() ? "unknown" : request.resource_account(),
                  ")\n");
  if (caller.is_iam()) {
    absl::StrAppend(&out, "  ", d.cross_account ? "cross-account" : "same account", "\n");
  }

  absl::StrAppend(&out, "\nPolicy types\n");
  std::string account = "\x01";
  for (const TypeRow& row : TypeRows(in)) {
    if (row.account != account) {
      account = row.account;
      absl::StrAppend(&out, "  ",
                      account.empty()
                          ? "caller (no account)"
                          : absl::StrCat("account ", account,
                                         account == caller.account ? " (caller)" : " (resource)"),
                      "\n");
    }
    absl::StrAppend(&out,
                    absl::StrFormat("    %-26s %s", TypeTitle(row.type), VerdictName(row.verdict)),
                    row.detail.empty() ? "" : absl::StrCat(" — ", row.detail), "\n");
  }

  const std::vector<Blocker> blockers = FindBlockers(in);
  if (!blockers.empty()) {
    absl::StrAppend(&out, "\nBlockers (in AWS's order)\n");
    for (size_t i = 0; i < blockers.size(); ++i) {
      const Blocker& b = blockers[i];
      std::string what(TypeTitle(b.type));
      for (size_t k = 1; k < b.alternatives.size(); ++k) {
        absl::StrAppend(&what, " or ", TypeTitle(b.alternatives[k]));
      }
      absl::StrAppend(&out, "  ", i + 1, ". ", BlockerReasonName(b.reason), ": ", what,
                      b.account.empty() ? "" : absl::StrCat(" of account ", b.account),
                      b.level >= 0 ? absl::StrCat(", level ", b.level) : "",
                      b.target.empty() ? "" : absl::StrCat(" (", b.target, ")"), "\n");
      for (StatementRef ref : b.statements) {
        absl::StrAppend(&out, "       ", StatementLine(*in.assembly, ref), "\n");
        const StatementTrace* trace = nullptr;
        if (in.explanation != nullptr) {
          for (const StatementTrace& t : in.explanation->statements) {
            if (t.ref == ref) trace = &t;
          }
        }
        if (trace == nullptr || trace->applies) continue;
        std::string why = WhyNotApplied(*trace);
        if (std::optional<ElementLocation> at = FailingValue(*trace, request)) {
          const Location l = in.assembly->store->policy(ref.policy).document().LocationOf(*at);
          absl::StrAppend(&why, " (", FormatPosition(l.span.begin), " ", l.DisplayPointer(), ")");
        }
        absl::StrAppend(&out, "           ", why, "\n");
        if (std::optional<NearMiss> miss = FindNearMiss(*trace, request)) {
          absl::StrAppend(&out, "           ", miss->difference, "\n");
        } else if (const std::string note = TrapNote(*trace, request); !note.empty()) {
          absl::StrAppend(&out, "           ", note, "\n");
        }
      }
    }
  }

  if (!d.deciding.empty()) {
    absl::StrAppend(&out, "\nDeciding statements\n");
    for (StatementRef ref : d.deciding) {
      absl::StrAppend(&out, "  ", StatementLine(*in.assembly, ref), "\n");
      if (in.explanation == nullptr) continue;
      for (const StatementTrace& trace : in.explanation->statements) {
        if (!(trace.ref == ref)) continue;
        for (const std::string& line : WhyConditionsHold(trace)) {
          absl::StrAppend(&out, "      ", line, "\n");
        }
        break;
      }
    }
  }
  if (in.explanation != nullptr) {
    // For an implicit deny, the statements of the policy type that failed to
    // allow come first, whatever failed in them.
    auto failing = [&](PolicyType type) {
      if (d.kind != DecisionKind::kImplicitDeny) return false;
      switch (d.reason) {
        case DenyReason::kIdentity:
          return type == PolicyType::kIdentity;
        case DenyReason::kResource:
          return type == PolicyType::kResource || type == PolicyType::kRoleTrust;
        case DenyReason::kBoundary:
          return type == PolicyType::kPermissionsBoundary;
        case DenyReason::kSession:
          return type == PolicyType::kSession;
        case DenyReason::kServiceControl:
          return type == PolicyType::kServiceControl;
        case DenyReason::kResourceControl:
          return type == PolicyType::kResourceControl;
        default:
          return false;
      }
    };
    std::string first, near, other;
    for (const StatementTrace& trace : in.explanation->statements) {
      if (trace.applies) continue;
      const std::string line = absl::StrCat("  ", StatementLine(*in.assembly, trace.ref),
                                            "\n      ", WhyNotApplied(trace), "\n");
      (failing(trace.type) ? first : trace.action == MatchState::kMatch ? near : other) += line;
    }
    if (!first.empty()) {
      absl::StrAppend(&out, "\nStatements of the failing policy type (none allows the request)\n",
                      first);
    }
    if (!near.empty()) {
      absl::StrAppend(&out, "\nNearest statements (the action matches; something else does not)\n",
                      near);
    }
    if (!other.empty()) absl::StrAppend(&out, "\nOther statements\n", other);
    if (!in.explanation->notes.empty()) {
      absl::StrAppend(&out, "\nNotes\n");
      for (const std::string& note : in.explanation->notes)
        absl::StrAppend(&out, "  - ", note, "\n");
    }
  }
  if (!d.missing_keys.empty()) {
    absl::StrAppend(
        &out, "\nMissing context keys (conditions needed them; the request did not give them)\n");
    for (const ContextKey* key : d.missing_keys) {
      const std::string when = WhenKeyIsSupplied(key->lower_name);
      absl::StrAppend(&out, "  ", key->name, when.empty() ? "" : absl::StrCat(": ", when), "\n");
    }
  }
  if (in.fixes != nullptr && !in.fixes->fixes.empty()) {
    absl::StrAppend(&out,
                    "\nFixes (each verified: with it the request is allowed, and no stranger "
                    "gains access: README, \"Fixes\")\n");
    for (size_t i = 0; i < in.fixes->fixes.size(); ++i) {
      const Fix& fix = in.fixes->fixes[i];
      absl::StrAppend(&out, "  ", i + 1, ". ", fix.summary, "\n");
      for (const FixEdit& edit : fix.edits) {
        absl::StrAppend(&out, "     by the ", FixOwnerKindName(edit.owner.kind),
                        edit.owner.account.empty() ? "" : absl::StrCat(" ", edit.owner.account),
                        edit.owner.target.empty() ? "" : absl::StrCat(" at ", edit.owner.target),
                        "\n");
        if (!edit.file.empty()) {
          absl::StrAppend(&out, "     patch ", edit.file, ": ", JsonPatchText(edit.patch), "\n");
        }
        if (!edit.command.empty()) absl::StrAppend(&out, "     command: ", edit.command, "\n");
        if (!edit.instruction.empty()) absl::StrAppend(&out, "     ", edit.instruction, "\n");
      }
    }
    absl::StrAppend(&out, "  (",
                    in.fixes->apply_hint.empty()
                        ? "iamsim simulate --apply-fix N FILE prints FILE with fix N of its first "
                          "denied question applied"
                        : in.fixes->apply_hint,
                    ")\n");
  }
  if (in.fixes != nullptr && !in.fixes->unfixable.empty()) {
    absl::StrAppend(&out, "\nNo safe fix\n");
    for (const std::string& why : in.fixes->unfixable) absl::StrAppend(&out, "  - ", why, "\n");
  }
  // Names, Sids and values come from the input; none may reach a terminal raw.
  return EscapeControls(out, /*keep_newlines=*/true);
}

}  // namespace iamsim
