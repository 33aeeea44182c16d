#include "policy/evaluate/residual.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "policy/evaluate/evaluator.h"

namespace iamsim {
namespace {

// Finds the free conditions a decision consults: answers "holds" for each
// (so that evaluation goes on through the rest of its statement) and
// records it. A free condition not consulted cannot change the decision:
// its statement fails on its action, resource or another condition.
class AtomFinder : public ConditionOutcomes {
 public:
  explicit AtomFinder(const std::function<bool(const ContextKey&)>& is_free) : is_free_(is_free) {}
  std::optional<bool> Outcome(const CompiledCondition& condition) const override {
    if (!is_free_(condition.key)) return std::nullopt;
    found_.push_back(&condition);
    return true;
  }
  const std::vector<const CompiledCondition*>& found() const { return found_; }

 private:
  const std::function<bool(const ContextKey&)>& is_free_;
  mutable std::vector<const CompiledCondition*> found_;
};

// Two conditions written alike are one atom.
std::string Signature(const CompiledCondition& c) {
  std::string out = absl::StrCat(ConditionOperatorName(c.op), "\n", c.key.lower_name);
  for (const ConditionValue& v : c.values) absl::StrAppend(&out, "\n", v.text);
  return out;
}

class ForcedAtoms : public ConditionOutcomes {
 public:
  explicit ForcedAtoms(const absl::flat_hash_map<const CompiledCondition*, size_t>& atom_of)
      : atom_of_(atom_of) {}
  void set_assignment(uint32_t assignment) { assignment_ = assignment; }
  std::optional<bool> Outcome(const CompiledCondition& condition) const override {
    auto it = atom_of_.find(&condition);
    if (it == atom_of_.end()) return std::nullopt;
    return ((assignment_ >> it->second) & 1) != 0;
  }

 private:
  const absl::flat_hash_map<const CompiledCondition*, size_t>& atom_of_;
  uint32_t assignment_ = 0;
};

struct Implicant {
  uint32_t value = 0;  // The bits that are fixed.
  uint32_t free = 0;   // Don't-care bits.
  bool operator<(const Implicant& o) const {
    return free != o.free ? free < o.free : value < o.value;
  }
  bool operator==(const Implicant& o) const { return free == o.free && value == o.value; }
  bool Covers(uint32_t assignment) const { return (assignment & ~free) == value; }
};

int PopCount(uint32_t x) { return __builtin_popcount(x); }

}  // namespace

std::vector<std::vector<std::pair<size_t, bool>>> MinimiseAssignments(
    size_t atoms, const std::vector<uint32_t>& allowed) {
  // Prime implicants: combine implicants that differ in one fixed bit until
  // nothing combines.
  std::set<Implicant> current;
  for (uint32_t a : allowed) current.insert(Implicant{a, 0});
  std::vector<Implicant> primes;
  while (!current.empty()) {
    std::set<Implicant> next, combined;
    for (auto i = current.begin(); i != current.end(); ++i) {
      for (auto j = std::next(i); j != current.end() && j->free == i->free; ++j) {
        const uint32_t diff = i->value ^ j->value;
        if (PopCount(diff) != 1) continue;
        next.insert(Implicant{i->value & ~diff, i->free | diff});
        combined.insert(*i);
        combined.insert(*j);
      }
    }
    for (const Implicant& i : current) {
      if (combined.count(i) == 0) primes.push_back(i);
    }
    current = std::move(next);
  }
  // Cover: essential primes first, then the prime covering most of what is
  // left (fewest literals on ties).
  std::vector<uint32_t> left = allowed;
  std::vector<Implicant> chosen;
  auto choose = [&](const Implicant& p) {
    chosen.push_back(p);
    left.erase(std::remove_if(left.begin(), left.end(),
                              [&](uint32_t a) { return p.Covers(a); }),
               left.end());
  };
  for (uint32_t a : allowed) {
    const Implicant* only = nullptr;
    int count = 0;
    for (const Implicant& p : primes) {
      if (p.Covers(a)) {
        only = &p;
        ++count;
      }
    }
    if (count == 1 && std::find(chosen.begin(), chosen.end(), *only) == chosen.end() &&
        std::find(left.begin(), left.end(), a) != left.end()) {
      choose(*only);
    }
  }
  while (!left.empty()) {
    const Implicant* best = nullptr;
    size_t best_count = 0;
    for (const Implicant& p : primes) {
      const size_t n = std::count_if(left.begin(), left.end(),
                                     [&](uint32_t a) { return p.Covers(a); });
      if (n > best_count ||
          (n == best_count && n > 0 && PopCount(p.free) > PopCount(best->free))) {
        best = &p;
        best_count = n;
      }
    }
    choose(*best);
  }
  std::sort(chosen.begin(), chosen.end(), [](const Implicant& a, const Implicant& b) {
    return PopCount(a.free) != PopCount(b.free) ? PopCount(a.free) > PopCount(b.free)
                                                : a.value < b.value;
  });
  std::vector<std::vector<std::pair<size_t, bool>>> out;
  const uint32_t all = atoms >= 32 ? ~0u : (1u << atoms) - 1;
  for (const Implicant& p : chosen) {
    std::vector<std::pair<size_t, bool>>& term = out.emplace_back();
    for (size_t i = 0; i < atoms; ++i) {
      if (((all & ~p.free) >> i) & 1) term.emplace_back(i, ((p.value >> i) & 1) != 0);
    }
  }
  return out;
}

Residual DecideResidual(const Assembly& assembly, const PreparedRequest& request,
                        const std::function<bool(const ContextKey&)>& is_free,
                        size_t max_atoms) {
  Residual out;
  AtomFinder finder(is_free);
  EvaluateOptions find;
  find.forced = &finder;
  const Decision first = Evaluate(assembly, request, find);
  if (finder.found().empty()) {  // The common case: nothing free was consulted.
    out.allowed = first.kind == DecisionKind::kAllow;
    return out;
  }
  absl::flat_hash_map<const CompiledCondition*, size_t> atom_of;
  std::map<std::string, size_t> atom_by_signature;
  std::vector<const CompiledCondition*> atoms;
  for (const CompiledCondition* c : finder.found()) {
    auto [it, added] = atom_by_signature.emplace(Signature(*c), atoms.size());
    if (added) atoms.push_back(c);
    atom_of[c] = it->second;
  }
  if (atoms.size() > max_atoms) {
    out.status = absl::ResourceExhaustedError(
        absl::StrCat(atoms.size(), " conditions on keys the world does not determine; iamsim "
                                   "enumerates at most ",
                     max_atoms));
    return out;
  }
  ForcedAtoms forced(atom_of);
  EvaluateOptions options;
  options.forced = &forced;
  std::vector<uint32_t> allowed;
  const uint32_t assignments = 1u << atoms.size();
  for (uint32_t a = 0; a < assignments; ++a) {
    forced.set_assignment(a);
    if (Evaluate(assembly, request, options).kind == DecisionKind::kAllow) allowed.push_back(a);
  }
  out.allowed = !allowed.empty();
  if (!out.allowed || allowed.size() == assignments) return out;
  for (const auto& term : MinimiseAssignments(atoms.size(), allowed)) {
    ResidualTerm& t = out.alternatives.emplace_back();
    for (const auto& [atom, holds] : term) t.push_back(ResidualLiteral{atoms[atom], holds});
  }
  return out;
}

}  // namespace iamsim
