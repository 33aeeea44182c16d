// File: policy/lint/check_conditions.cc
//
// Condition rules (policy/lint/rule_docs.json): unknown-condition-key,
// condition-type-mismatch, condition-key-not-applicable,
// wildcard-without-like, forallvalues-single-valued, missing-set-qualifier,
// private-ip-condition, duplicate-condition-key.
//
// Every finding points at the condition key, /Statement/N/Condition/OP/KEY.
// A key's types come from the catalog (templated keys such as
// aws:PrincipalTag/NAME match their templates); a key the catalog does not
// know is reported once, as unknown-condition-key, and judged by no rule
// that needs its type. Keys whose prefix is not an AWS service ("aws" or a catalog
// service) are keys of identity providers (OIDC hosts, "saml") or of
// services unknown-service reports: only wildcard-without-like and
// duplicate-condition-key, which need no key type, judge them. Template
// placeholders ("{{...}}") are never judged.
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "policy/conditions/ip.h"
#include "policy/diagnostics/diagnostic.h"
#include "policy/lint/checks.h"
#include "policy/lint/patterns.h"

namespace iamsim {
namespace {

// "aws" for "aws:SourceIp", "" when the key has no prefix.
absl::string_view KeyPrefix(absl::string_view key) {
  const size_t colon = key.find(':');
  return colon == absl::string_view::npos ? absl::string_view() : key.substr(0, colon);
}

// Whether the key belongs to AWS (a global key or a catalog service's key),
// so that the catalog is the authority on it.
bool IsAwsKey(const Catalog& catalog, absl::string_view key) {
  if (HasTemplatePart(key) || absl::StrContains(key, "${")) return false;
  const absl::string_view prefix = KeyPrefix(key);
  if (prefix.empty()) return false;
  return absl::EqualsIgnoreCase(prefix, "aws") || catalog.HasService(prefix);
}

// The scalar types of a key's type set (ArrayOfString counts as String).
uint16_t ScalarTypes(uint16_t types) {
  uint16_t out = types & ~kKeyMultivalued;
  if (types & kKeyArrayOfString) out |= kKeyString;
  if (types & kKeyArrayOfArn) out |= kKeyArn;
  if (types & kKeyArrayOfBool) out |= kKeyBool;
  if (types & kKeyArrayOfNumeric) out |= kKeyNumeric;
  if (types & kKeyArrayOfDate) out |= kKeyDate;
  if (types & kKeyArrayOfIpAddress) out |= kKeyIpAddress;
  if (types & kKeyArrayOfBinary) out |= kKeyBinary;
  return out;
}

// The key types an operator family compares correctly. String operators
// also fit ARN keys, and ARN operators String keys that hold ARNs (AWS
// compares both as text); aws:EpochTime takes Numeric operators as well as
// Date ones (global condition keys page).
uint16_t TypesFitting(OperatorFamily family, absl::string_view key) {
  switch (family) {
    case OperatorFamily::kString:
    case OperatorFamily::kArn:
      return kKeyString | kKeyArn;
    case OperatorFamily::kNumeric:
      return absl::EqualsIgnoreCase(key, "aws:EpochTime") ? kKeyNumeric | kKeyDate : kKeyNumeric;
    case OperatorFamily::kDate:
      return kKeyDate;
    case OperatorFamily::kBool:
      return kKeyBool;
    case OperatorFamily::kBinary:
      return kKeyBinary;
    case OperatorFamily::kIp:
      return kKeyIpAddress;
    case OperatorFamily::kNull:
      break;
  }
  return 0xFFFF;
}

absl::string_view FamilyName(OperatorFamily family) {
  switch (family) {
    case OperatorFamily::kString:
      return "String";
    case OperatorFamily::kNumeric:
      return "Numeric";
    case OperatorFamily::kDate:
      return "Date";
    case OperatorFamily::kBool:
      return "Bool";
    case OperatorFamily::kBinary:
      return "Binary";
    case OperatorFamily::kIp:
      return "IP address";
    case OperatorFamily::kArn:
      return "ARN";
    case OperatorFamily::kNull:
      break;
  }
  return "Null";
}

// The operator family that fits a key of these scalar types, for the fix.
absl::string_view FittingOperators(uint16_t scalar) {
  if (scalar & (kKeyString | kKeyArn)) return "String… or Arn…";
  if (scalar & kKeyNumeric) return "Numeric…";
  if (scalar & kKeyDate) return "Date…";
  if (scalar & kKeyBool) return "Bool";
  if (scalar & kKeyIpAddress) return "IpAddress or NotIpAddress";
  return "BinaryEquals";
}

// StringEquals, StringNotEquals and their IgnoreCase forms: literal matches.
bool IsExactStringOperator(BaseOperator base) {
  return base == BaseOperator::kStringEquals || base == BaseOperator::kStringNotEquals ||
         base == BaseOperator::kStringEqualsIgnoreCase ||
         base == BaseOperator::kStringNotEqualsIgnoreCase;
}

// Whether a condition value has `*` or `?` outside ${...} (a policy
// variable, or the escapes ${*} and ${?}).
bool HasWildcardOutsideVariables(absl::string_view value) {
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '$' && i + 1 < value.size() && value[i + 1] == '{') {
      const size_t close = value.find('}', i);
      if (close == absl::string_view::npos) return value.find_first_of("*?", i) != value.npos;
      i = close;
      continue;
    }
    if (value[i] == '*' || value[i] == '?') return true;
  }
  return false;
}

// Non-routable ranges (RFC 1918, RFC 6598, loopback, link-local, RFC 4193).
bool IsPrivateRange(const IpRange& range) {
  static const std::vector<IpRange>* const kPrivate = [] {
    auto* out = new std::vector<IpRange>();
    for (absl::string_view text :
         {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8",
          "169.254.0.0/16", "::1/128", "fc00::/7", "fe80::/10"}) {
      out->push_back(*ParseIpRange(text));
    }
    return out;
  }();
  for (const IpRange& net : *kPrivate) {
    if (range.prefix_length >= net.prefix_length && IpInRange(range, net)) return true;
  }
  return false;
}

// Whether the operator holds when the request has no value for the key:
// negated operators and ...IfExists.
bool AbsentKeyMatches(const ConditionOperator& op) { return op.negated() || op.if_exists; }

// aws:RequestTag/..., aws:ResourceTag/... and aws:TagKeys: global keys that
// only the actions and resource types listing them support.
bool IsTagKey(absl::string_view key) {
  return absl::StartsWithIgnoreCase(key, "aws:RequestTag/") ||
         absl::StartsWithIgnoreCase(key, "aws:ResourceTag/") ||
         absl::EqualsIgnoreCase(key, "aws:TagKeys");
}

// Whether the catalog action supports `key`, itself or through one of its
// resource types.
bool ActionSupportsKey(const Catalog& catalog, const Catalog::Action& action,
                       absl::string_view key) {
  for (absl::string_view k : catalog.ActionConditionKeys(action)) {
    if (CatalogKeyMatches(k, key)) return true;
  }
  for (const Catalog::ActionResource& r : catalog.ActionResources(action)) {
    if (r.name.empty()) continue;
    const std::optional<Catalog::ResourceType> type = catalog.ResourceTypeOf(action, r);
    if (!type) continue;
    for (absl::string_view k : type->condition_keys) {
      if (CatalogKeyMatches(k, key)) return true;
    }
  }
  return false;
}

class ConditionChecker {
 public:
  ConditionChecker(const LintTarget& target, Findings* findings)
      : catalog_(target.catalog), document_(target.document()), findings_(findings) {}

  void CheckStatement(const Statement& statement) {
    CheckDuplicates(statement);
    for (const ConditionClause& clause : statement.conditions) {
      CheckWildcards(clause);  // Whatever the key: "repo:org/*" on an OIDC :sub key too.
      if (!IsAwsKey(catalog_, clause.key.value)) continue;
      const std::optional<uint16_t> types = catalog_.ConditionKeyTypes(clause.key.value);
      if (!types) {
        ReportUnknownKey(clause);
        continue;
      }
      CheckType(clause, *types);
      CheckQualifier(clause, *types);
      CheckApplicable(statement, clause);
      CheckPrivateIp(clause);
    }
  }

 private:
  void ReportUnknownKey(const ConditionClause& clause) {
    const std::string& key = clause.key.value;
    const std::string suggestion = catalog_.SuggestConditionKey(key);
    std::string message =
        absl::StrCat(Quote(key), " is not ",
                     absl::EqualsIgnoreCase(KeyPrefix(key), "aws")
                         ? std::string("a global condition key")
                         : absl::StrCat("a condition key of the ", KeyPrefix(key), " service"),
                     ", so no request has a value for it");
    if (!suggestion.empty()) absl::StrAppend(&message, "; did you mean ", Quote(suggestion), "?");
    findings_->Add(Rule::kUnknownConditionKey, clause.key.location, std::move(message)).suggestion =
        suggestion;
  }

  // condition-type-mismatch.
  void CheckType(const ConditionClause& clause, uint16_t types) {
    const OperatorFamily family = clause.op.family();
    const uint16_t scalar = ScalarTypes(types);
    if (family == OperatorFamily::kNull || (scalar & TypesFitting(family, clause.key.value))) {
      return;
    }
    findings_->Add(
        Rule::kConditionTypeMismatch, clause.key.location,
        absl::StrCat(clause.operator_name.value, " compares ", FamilyName(family), " values, but ",
                     Quote(clause.key.value), " is ", KeyTypeName(types), "; use ",
                     FittingOperators(scalar), " operators"));
  }

  // forallvalues-single-valued and missing-set-qualifier.
  void CheckQualifier(const ConditionClause& clause, uint16_t types) {
    const std::string& key = clause.key.value;
    if (clause.op.qualifier == SetQualifier::kForAllValues && (types & kKeyMultivalued) == 0) {
      findings_->Add(Rule::kForAllValuesSingleValued, clause.key.location,
                     absl::StrCat(Quote(key), " is single-valued, so ", clause.operator_name.value,
                                  " is also true when the request has no value for it; use the "
                                  "operator without ForAllValues:"));
    }
    if (clause.op.qualifier == SetQualifier::kNone && clause.op.family() != OperatorFamily::kNull &&
        (types & ~kKeyMultivalued) == 0) {
      findings_->Add(Rule::kMissingSetQualifier, clause.key.location,
                     absl::StrCat(Quote(key), " is multivalued (", KeyTypeName(types),
                                  "); say ForAnyValue:", clause.operator_name.value,
                                  " or ForAllValues:", clause.operator_name.value));
    }
  }

  // condition-key-not-applicable: only when every action of the statement
  // is known and none supports the key.
  void CheckApplicable(const Statement& statement, const ConditionClause& clause) {
    const std::string& key = clause.key.value;
    if (catalog_.IsGlobalConditionKey(key) && !IsTagKey(key)) return;
    if (!statement.action || statement.action->values.empty()) return;
    for (const LocatedString& value : statement.action->values) {
      const std::optional<std::vector<Catalog::Action>> actions =
          ExpandAction(catalog_, value.value);
      if (!actions || actions->empty()) return;  // "*", unknown: not certain.
      for (const Catalog::Action& action : *actions) {
        if (ActionSupportsKey(catalog_, action, key)) return;
      }
    }
    findings_->Add(Rule::kConditionKeyNotApplicable, clause.key.location,
                   absl::StrCat("none of the statement's actions supports ", Quote(key),
                                ", so it is absent from their requests and the condition is ",
                                AbsentKeyMatches(clause.op) ? "always true" : "never true"));
  }

  // wildcard-without-like.
  void CheckWildcards(const ConditionClause& clause) {
    if (clause.op.family() != OperatorFamily::kString || !IsExactStringOperator(clause.op.base)) {
      return;
    }
    for (const ConditionClause::Value& value : clause.values) {
      if (value.json_type != JsonType::kString || HasTemplatePart(value.text)) continue;
      if (!HasWildcardOutsideVariables(value.text)) continue;
      findings_->Add(
          Rule::kWildcardWithoutLike, clause.key.location,
          absl::StrCat(clause.operator_name.value, " compares literally, so ", Quote(value.text),
                       " matches only that exact text; use StringLike/StringNotLike "
                       "for a pattern, or ${*} for a literal asterisk"));
      return;
    }
  }

  // private-ip-condition.
  void CheckPrivateIp(const ConditionClause& clause) {
    if (clause.op.family() != OperatorFamily::kIp ||
        !absl::EqualsIgnoreCase(clause.key.value, "aws:SourceIp")) {
      return;
    }
    for (const ConditionClause::Value& value : clause.values) {
      const std::optional<IpRange> range = ParseIpRange(value.text);
      if (!range || !IsPrivateRange(*range)) return;
    }
    findings_->Add(Rule::kPrivateIpCondition, clause.key.location,
                   absl::StrCat(Quote(clause.key.value),
                                " lists only private addresses, but it holds the public address "
                                "of a request; traffic from a VPC has no aws:SourceIp, so ",
                                clause.operator_name.value,
                                AbsentKeyMatches(clause.op) ? " always matches" : " never matches",
                                "; use aws:SourceVpce, aws:SourceVpc or aws:VpcSourceIp"));
  }

  // duplicate-condition-key: one operator block naming a key twice (in
  // different case; the JSON reader rejects exact duplicates), at the later.
  void CheckDuplicates(const Statement& statement) {
    const std::vector<ConditionClause>& clauses = statement.conditions;
    for (size_t i = 0; i < clauses.size(); ++i) {
      for (size_t j = 0; j < i; ++j) {
        if (clauses[j].operator_name.value != clauses[i].operator_name.value ||
            !absl::EqualsIgnoreCase(clauses[j].key.value, clauses[i].key.value)) {
          continue;
        }
        Diagnostic& finding = findings_->Add(
            Rule::kDuplicateConditionKey, clauses[i].key.location,
            absl::StrCat(Quote(clauses[i].key.value), " repeats ", Quote(clauses[j].key.value),
                         " under ", clauses[i].operator_name.value,
                         " (keys are case-insensitive); merge their values into one key"));
        finding.related.push_back(document_.LocationOf(clauses[j].key.location));
        break;
      }
    }
  }

  const Catalog& catalog_;
  const PolicyDocument& document_;
  Findings* findings_;
};

}  // namespace

void CheckConditions(const LintTarget& target, Findings* findings) {
  ConditionChecker checker(target, findings);
  for (const Statement& statement : target.document().statements) {
    checker.CheckStatement(statement);
  }
}

}  // namespace iamsim
