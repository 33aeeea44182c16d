// DescribeStatement: a statement of an assembly, for people and tools.
#include "absl/strings/str_cat.h"
#include "policy/explain/report.h"

namespace iamsim {

StatementInfo DescribeStatement(const Assembly& assembly, StatementRef ref) {
  const CompiledPolicy& policy = assembly.store->policy(ref.policy);
  const Statement& s = policy.document().statements[ref.statement];
  StatementInfo info;
  info.policy_name = policy.name();
  info.type = policy.type();
  info.level = ref.level;
  if (s.sid) info.sid = s.sid->value;
  info.index = s.index;
  info.effect = s.effect;
  info.location = policy.document().LocationOf(s.location);
  info.label =
      absl::StrCat(ref.level >= 0 ? absl::StrCat(PolicyTypeName(info.type), "[", ref.level, "]/")
                                  : std::string(),
                   info.policy_name, "#", info.index);
  return info;
}

}  // namespace iamsim
