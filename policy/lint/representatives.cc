// Representative outsiders and concrete names (see representatives.h).
#include "policy/lint/representatives.h"

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "policy/arn/arn.h"
#include "policy/compile/glob.h"
#include "policy/conditions/compiled_condition.h"
#include "policy/conditions/ip.h"
#include "policy/lint/patterns.h"
#include "policy/parse/policy_parser.h"

namespace iamsim {
namespace {

constexpr absl::string_view kOutsiderIdentityName = "iamsim outside identity";
constexpr absl::string_view kAllowEverything =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})";

// The region of a concrete ARN for the region field of a pattern.
std::string ConcreteRegion(absl::string_view region) {
  if (absl::StrContains(region, "${")) return std::string(kRepresentativeRegion);
  if (HasWildcard(region) &&
      GlobMatch(GlobFromPolicyText(region), kRepresentativeRegion, /*ignore_case=*/false)) {
    return std::string(kRepresentativeRegion);
  }
  return ConcretePattern(region);
}

}  // namespace

std::string ConcretePattern(absl::string_view pattern) {
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern.substr(i, 2) == "${") {
      const size_t end = pattern.find('}', i);
      if (end != absl::string_view::npos) {
        absl::StrAppend(&out, kRepresentativeName);
        i = end;
        continue;
      }
    }
    if (pattern[i] == '*') {
      absl::StrAppend(&out, kRepresentativeName);
    } else if (pattern[i] == '?') {
      out.push_back('x');
    } else {
      out.push_back(pattern[i]);
    }
  }
  return out;
}

std::string FillArnFormat(absl::string_view format, absl::string_view account) {
  std::string out;
  size_t i = 0;
  while (i < format.size()) {
    const size_t open = format.find("${", i);
    const size_t close = open == absl::string_view::npos ? open : format.find('}', open);
    if (close == absl::string_view::npos) break;
    out.append(format.data() + i, open - i);
    const absl::string_view name = format.substr(open + 2, close - open - 2);
    absl::StrAppend(&out, name == "Partition" ? "aws"
                          : name == "Region"  ? kRepresentativeRegion
                          : name == "Account" ? account
                                              : kRepresentativeName);
    i = close + 1;
  }
  out.append(format.data() + i, format.size() - i);
  return out;
}

std::string ConcreteArn(absl::string_view pattern, absl::string_view account) {
  if (pattern == "*" || HasTemplatePart(pattern)) return "";
  ArnParts parts;
  if (!SplitArn(pattern, &parts) || parts[0] != "arn" || parts[2].empty() ||
      HasWildcard(parts[2]) || parts[5].empty()) {
    return "";
  }
  const absl::string_view partition = HasWildcard(parts[1]) ? "aws" : parts[1];
  const std::string acct = HasWildcard(parts[4]) || absl::StrContains(parts[4], "${")
                               ? std::string(account)
                               : std::string(parts[4]);
  return absl::StrCat("arn:", partition, ":", parts[2], ":", ConcreteRegion(parts[3]), ":", acct,
                      ":", ConcretePattern(parts[5]));
}

bool DocumentMentions(const PolicyDocument& document, absl::string_view text) {
  for (const Statement& s : document.statements) {
    for (const auto* p : {&s.principal, &s.not_principal}) {
      if (!p->has_value()) continue;
      for (const PrincipalValue& v : (*p)->values) {
        if (absl::StrContains(v.value.value, text)) return true;
      }
    }
    for (const auto* r : {&s.resource, &s.not_resource}) {
      if (!r->has_value()) continue;
      for (const LocatedString& v : (*r)->values) {
        if (absl::StrContains(v.value, text)) return true;
      }
    }
    for (const ConditionClause& c : s.conditions) {
      for (const ConditionClause::Value& v : c.values) {
        if (absl::StrContains(v.text, text)) return true;
      }
    }
  }
  return false;
}

std::string UnusedAccount(absl::Span<const PolicyDocument* const> documents,
                          std::initializer_list<absl::string_view> candidates,
                          absl::string_view taken) {
  for (absl::string_view c : candidates) {
    if (c == taken) continue;
    bool used = false;
    for (const PolicyDocument* d : documents) used = used || DocumentMentions(*d, c);
    if (!used) return std::string(c);
  }
  for (absl::string_view c : candidates) {
    if (c != taken) return std::string(c);
  }
  return std::string(*candidates.begin());
}

std::string StandInOwnerAccount(absl::Span<const PolicyDocument* const> documents) {
  return UnusedAccount(documents, {"000000000000", "000000000001", "000000000002"});
}

std::string OutsiderAccount(absl::Span<const PolicyDocument* const> documents,
                            absl::string_view owner) {
  return UnusedAccount(documents, {"999999999999", "999999999998", "888888888888", "777777777777"},
                       owner);
}

std::string OutsideIp(absl::Span<const CompiledPolicy* const> policies) {
  static constexpr absl::string_view kCandidates[] = {"45.79.112.203", "198.51.100.203",
                                                      "203.0.113.203", "100.64.7.203"};
  for (absl::string_view ip : kCandidates) {
    bool inside = false;
    for (const CompiledPolicy* p : policies) {
      for (const CompiledStatement& s : p->statements()) {
        for (const CompiledCondition& c : s.conditions) {
          if (c.op.family() != OperatorFamily::kIp) continue;
          for (const ConditionValue& v : c.values) {
            inside |= v.valid && v.ip.prefix_length >= 8 && MatchIp(v.ip, ip);
          }
        }
      }
    }
    if (!inside) return std::string(ip);
  }
  return std::string(kCandidates[0]);
}

PolicyId AddOutsiderIdentity(PolicyStoreBuilder* builder) {
  PolicyParseResult parsed =
      ParsePolicy(kAllowEverything, kOutsiderIdentityName, PolicyType::kIdentity);
  return builder->Add(std::string(kOutsiderIdentityName), std::move(*parsed.document));
}

OutsiderStore WithOutsiderIdentity(const PolicyStore& base) {
  // Non-owning: the caller keeps `base` alive.
  PolicyStoreBuilder builder(std::shared_ptr<const PolicyStore>(std::shared_ptr<void>(), &base));
  const PolicyId id = AddOutsiderIdentity(&builder);
  OutsiderStore out;
  out.store = std::move(builder).Build();
  out.identity = &out.store->policy(id);
  return out;
}

}  // namespace iamsim
