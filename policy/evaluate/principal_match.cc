#include "policy/evaluate/principal_match.h"

namespace iamsim {
namespace {

// How `entry` names `caller`, or kGrantNone.
uint8_t EntryGrant(const PrincipalEntry& entry, const Caller& caller) {
  switch (entry.form) {
    case PrincipalForm::kEveryone:
      return kGrantDirect;
    case PrincipalForm::kAccount:
      return caller.is_iam() && caller.account == entry.account ? kGrantAccount : kGrantNone;
    case PrincipalForm::kUser:
      return caller.type == CallerType::kUser && caller.arn == entry.value ? kGrantDirect
                                                                           : kGrantNone;
    case PrincipalForm::kRole:
      return caller.type == CallerType::kRole && caller.account == entry.account &&
                     caller.name == entry.name
                 ? kGrantEntity
                 : kGrantNone;
    case PrincipalForm::kRoleSession:
    case PrincipalForm::kFederatedUser:
      return (caller.type == CallerType::kRole || caller.type == CallerType::kFederatedUser) &&
                     caller.arn == entry.value
                 ? kGrantDirect
                 : kGrantNone;
    case PrincipalForm::kService:
      return caller.type == CallerType::kService && caller.name == entry.value ? kGrantDirect
                                                                               : kGrantNone;
    case PrincipalForm::kOther:
      return caller.arn == entry.value ? kGrantDirect : kGrantNone;
  }
  return kGrantNone;
}

bool Listed(const PrincipalMatcher& matcher, PrincipalForm form, const Caller& caller) {
  for (const PrincipalEntry& entry : matcher.entries) {
    if (entry.form == PrincipalForm::kEveryone) return true;
    if (entry.form != form) continue;
    switch (form) {
      case PrincipalForm::kAccount:
        if (entry.account == caller.account) return true;
        break;
      case PrincipalForm::kRole:
        if (entry.account == caller.account && entry.name == caller.name) return true;
        break;
      case PrincipalForm::kService:
        if (entry.value == caller.name) return true;
        break;
      default:
        if (entry.value == caller.arn) return true;
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
      match.applies = (caller_has_boundary && (caller.type == CallerType::kUser ||
                                               caller.type == CallerType::kRole)) ||
                      !Exempt(matcher, caller);
      break;
  }
  return match;
}

}  // namespace iamsim
