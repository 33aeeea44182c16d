// File: policy/parse/policy_document.h
//
// The typed form of one policy document. Every element keeps its exact
// source span and its JSON pointer within the document (`path`), so that the
// compiler, the explain trace and the linter can point at it without
// re-reading JSON; the document itself knows its file and its pointer in the
// file (DocumentRef). Values are kept as written (no case folding, no
// wildcard expansion): normalising is the compiler's job.
//
// A PolicyDocument is a plain value: copyable, no references to the text it
// was parsed from.
#ifndef IAMSIM_POLICY_PARSE_POLICY_DOCUMENT_H_
#define IAMSIM_POLICY_PARSE_POLICY_DOCUMENT_H_

#include <optional>
#include <string>
#include <vector>

#include "policy/diagnostics/location.h"
#include "policy/diagnostics/source_span.h"
#include "policy/json/json_tree.h"
#include "policy/parse/condition_operator.h"
#include "policy/parse/policy_type.h"

namespace iamsim {

// Where an element is: its span in the file and its pointer in the document.
struct ElementLocation {
  SourceSpan span;
  std::string path;
};

struct LocatedString {
  std::string value;
  ElementLocation location;
};

// Action, NotAction, Resource, NotResource: one string or an array of them.
struct StringListElement {
  std::vector<LocatedString> values;
  ElementLocation location;
};

enum class PrincipalKind { kAws, kService, kFederated, kCanonicalUser };

// "AWS", "Service", "Federated", "CanonicalUser".
absl::string_view PrincipalKindName(PrincipalKind kind);

struct PrincipalValue {
  PrincipalKind kind;
  LocatedString value;  // An ARN, account id, unique id, service name, or "*".
};

// Principal or NotPrincipal.
struct PrincipalElement {
  bool everyone = false;  // The bare string form: "Principal": "*".
  std::vector<PrincipalValue> values;
  ElementLocation location;
};

// One operator/key pair of a Condition block with its values.
struct ConditionClause {
  LocatedString operator_name;  // As written.
  ConditionOperator op;         // Decoded.
  LocatedString key;            // As written; keys compare case-insensitively.
  struct Value {
    JsonType json_type;  // String, number or boolean, as written.
    std::string text;    // The string, or the number/boolean as written.
    ElementLocation location;
  };
  std::vector<Value> values;  // One or more.
};

enum class Effect { kAllow, kDeny };
absl::string_view EffectName(Effect effect);

struct Statement {
  size_t index = 0;  // Position in the Statement array (0 for the object form).
  ElementLocation location;
  std::optional<LocatedString> sid;
  Effect effect = Effect::kDeny;
  ElementLocation effect_location;
  std::optional<PrincipalElement> principal;
  std::optional<PrincipalElement> not_principal;
  std::optional<StringListElement> action;
  std::optional<StringListElement> not_action;
  std::optional<StringListElement> resource;
  std::optional<StringListElement> not_resource;
  std::vector<ConditionClause> conditions;  // In source order.
  std::optional<ElementLocation> condition_location;
};

// A value a template reader (CloudFormation, Terraform) put where an
// intrinsic function (!Sub, !GetAtt, Fn::Join, ...) or a dynamic reference
// stood: "{{...}}". Its real value is unknown at lint time, so no rule
// judges it; it matches nothing when evaluated.
inline bool IsTemplatePlaceholder(absl::string_view value) {
  return value.size() >= 4 && value.substr(0, 2) == "{{" && value.substr(value.size() - 2) == "}}";
}

enum class PolicyVersion { kNone, k2008_10_17, k2012_10_17 };

struct PolicyDocument {
  DocumentRef origin;  // File, pointer of the document in it, encoding.
  PolicyType type = PolicyType::kIdentity;
  PolicyVersion version = PolicyVersion::kNone;
  std::optional<LocatedString> version_string;
  std::optional<LocatedString> id;
  std::vector<Statement> statements;
  ElementLocation location;  // The document's object; path "".

  // Policy variables are substituted only under Version 2012-10-17.
  bool variables_enabled() const { return version == PolicyVersion::k2012_10_17; }
  // The full location of an element of this document.
  Location LocationOf(const ElementLocation& element) const {
    return LocationIn(origin, element.span, element.path);
  }
};

}  // namespace iamsim

#endif  // IAMSIM_POLICY_PARSE_POLICY_DOCUMENT_H_
