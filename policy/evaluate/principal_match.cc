#include "policy/evaluate/principal_match.h"

#include "policy/arn/byte_scan.h"

namespace iamsim {
namespace {

// How `entry` names `caller`, or kGrantNone.
uint8_t EntryGrant(const PrincipalEntry& entry, const Caller& caller) {
  bool named = false;
  uint8_t grant = kGrantDirect;
  switch (entry.form) {
    case PrincipalForm::kEveryone:
      named = true;
      // A GetFederationToken session gets permissions only from its session
      // policy or a resource policy that names the session itself; "*" does
      // not, so it counts like a grant to the entity (limited by the session
      // policy). IAM User Guide, "Permissions for GetFederationToken".
      if (caller.type == CallerType::kFederatedUser) grant = kGrantEntity;
      break;
    case PrincipalForm::kAccount:
      named = caller.is_iam() && ShortEquals(caller.account, entry.account);
      grant = kGrantAccount;
      break;
    case PrincipalForm::kUser:
      named = caller.type == CallerType::kUser && ShortEquals(caller.arn, entry.value);
      break;
    case PrincipalForm::kRole:
      named = caller.type == CallerType::kRole && ShortEquals(caller.account, entry.account) &&
              ShortEquals(caller.name, entry.name);
      grant = kGrantEntity;
      break;
    case PrincipalForm::kRoleSession:
    case PrincipalForm::kFederatedUser:
      named = (caller.type == CallerType::kRole || caller.type == CallerType::kFederatedUser) &&
              ShortEquals(caller.arn, entry.value);
      break;
    case PrincipalForm::kService:
      named = caller.type == CallerType::kService && ShortEquals(caller.name, entry.value);
      break;
    case PrincipalForm::kOther:
      named = ShortEquals(caller.arn, entry.value);
      break;
  }
  return named ? grant : kGrantNone;
}

bool Listed(const PrincipalMatcher& matcher, PrincipalForm form, const Caller& caller) {
  for (const PrincipalEntry& entry : matcher.entries) {
    if (entry.form == PrincipalForm::kEveryone) return true;
    if (entry.form != form) continue;
    switch (form) {
      case PrincipalForm::kAccount:
        if (ShortEquals(entry.account, caller.account)) return true;
        break;
      case PrincipalForm::kRole:
        if (ShortEquals(entry.account, caller.account) && ShortEquals(entry.name, caller.name)) {
          return true;
        }
        break;
      case PrincipalForm::kService:
        if (ShortEquals(entry.value, caller.name)) return true;
        break;
      default:
        if (ShortEquals(entry.value, caller.arn)) return true;
        break;
    }
  }
  return false;
}

// Whether every identity AWS evaluates for the caller is listed.
bool Exempt(const PrincipalMatcher& matcher, const Caller& caller) {
  switch (caller.type) {
    case CallerType::kAnonymous:
      return Listed(matcher, PrincipalForm::kEveryone, caller);
    case CallerType::kService:
      return Listed(matcher, PrincipalForm::kService, caller);
    case CallerType::kRoot:
      return Listed(matcher, PrincipalForm::kAccount, caller);
    case CallerType::kUser:
      return Listed(matcher, PrincipalForm::kAccount, caller) &&
             Listed(matcher, PrincipalForm::kUser, caller);
    case CallerType::kFederatedUser:
      return Listed(matcher, PrincipalForm::kAccount, caller) &&
             Listed(matcher, PrincipalForm::kFederatedUser, caller);
    case CallerType::kRole:
      return Listed(matcher, PrincipalForm::kAccount, caller) &&
             Listed(matcher, PrincipalForm::kRole, caller) &&
             (caller.session_name.empty() || Listed(matcher, PrincipalForm::kRoleSession, caller));
  }
  return false;
}

}  // namespace

PrincipalMatch MatchPrincipal(const PrincipalMatcher& matcher, const Caller& caller,
                              bool caller_has_boundary) {
  PrincipalMatch match;
  switch (matcher.mode) {
    case PrincipalMatcher::Mode::kNone:
      match.applies = true;
      break;
    case PrincipalMatcher::Mode::kPrincipal:
      for (const PrincipalEntry& entry : matcher.entries) match.grants |= EntryGrant(entry, caller);
      match.applies = match.grants != kGrantNone;
      break;
    case PrincipalMatcher::Mode::kNotPrincipal:
      match.applies = (caller_has_boundary &&
                       (caller.type == CallerType::kUser || caller.type == CallerType::kRole)) ||
                      !Exempt(matcher, caller);
      break;
  }
  return match;
}

}  // namespace iamsim
