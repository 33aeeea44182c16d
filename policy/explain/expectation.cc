#include "policy/explain/expectation.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "policy/explain/access_denied.h"
#include "policy/explain/report.h"

namespace iamsim {
namespace {

// How many statements of the assembly carry each Sid.
absl::flat_hash_map<std::string, int> SidCounts(const Assembly& a) {
  absl::flat_hash_map<std::string, int> counts;
  auto add = [&](const CompiledPolicy* p) {
    if (p == nullptr) return;
    for (const Statement& s : p->document().statements) {
      if (s.sid && !s.sid->value.empty()) ++counts[s.sid->value];
    }
  };
  for (const CompiledPolicy* p : a.identity) add(p);
  add(a.resource);
  add(a.boundary);
  for (const CompiledPolicy* p : a.session) add(p);
  for (const OrgChain* chain : {a.scp, a.rcp}) {
    if (chain == nullptr) continue;
    for (const OrgLevel& level : chain->levels) {
      for (const CompiledPolicy* p : level.policies) add(p);
    }
  }
  return counts;
}

std::string Listed(std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  return absl::StrCat("[", absl::StrJoin(names, ", "), "]");
}

}  // namespace

std::vector<std::string> DecidingNames(const Assembly& assembly, const Decision& decision) {
  const absl::flat_hash_map<std::string, int> sids = SidCounts(assembly);
  std::vector<std::string> names;
  for (StatementRef ref : decision.deciding) {
    const StatementInfo info = DescribeStatement(assembly, ref);
    auto it = sids.find(info.sid);
    names.push_back(!info.sid.empty() && it != sids.end() && it->second == 1 ? info.sid
                                                                             : info.label);
  }
  std::sort(names.begin(), names.end());
  return names;
}

ExpectationCheck CheckExpectation(const Expectation& expected, const Assembly& assembly,
                                  const Decision& decision) {
  ExpectationCheck check;
  auto fail = [&](std::string line) {
    check.passed = false;
    check.failures.push_back(std::move(line));
  };
  if (expected.decision && *expected.decision != decision.kind) {
    fail(absl::StrCat("decision: expected ", DecisionKindName(*expected.decision), ", got ",
                      DecisionKindName(decision.kind)));
  }
  if (expected.deciding) {
    // Each actual statement must be named once, by label or unique Sid.
    const absl::flat_hash_map<std::string, int> sids = SidCounts(assembly);
    std::vector<std::string> unmatched = *expected.deciding;
    bool ok = expected.deciding->size() == decision.deciding.size();
    for (StatementRef ref : decision.deciding) {
      const StatementInfo info = DescribeStatement(assembly, ref);
      auto it = std::find_if(unmatched.begin(), unmatched.end(), [&](const std::string& name) {
        if (name == info.label) return true;
        auto sid = sids.find(name);
        return name == info.sid && sid != sids.end() && sid->second == 1;
      });
      if (it == unmatched.end()) {
        ok = false;
      } else {
        unmatched.erase(it);
      }
    }
    if (!ok || !unmatched.empty()) {
      fail(absl::StrCat("deciding: expected ", Listed(*expected.deciding), ", got ",
                        Listed(DecidingNames(assembly, decision))));
    }
  }
  if (expected.reason) {
    const absl::string_view actual =
        decision.kind == DecisionKind::kImplicitDeny ? DenyReasonName(decision.reason) : "";
    if (*expected.reason != actual) {
      fail(absl::StrCat("reason: expected ", *expected.reason, ", got ",
                        actual.empty() ? "none (not an ImplicitDeny)" : actual));
    }
  }
  return check;
}

}  // namespace iamsim
