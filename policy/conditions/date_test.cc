// Table tests of Date operators.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date
#include "policy/conditions/condition_test_util.h"

namespace iamsim {
namespace {

INSTANTIATE_TEST_SUITE_P(
    Date, ConditionTest,
    ::testing::Values(
        Row{"DateGreaterThan", R"({"DateGreaterThan":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}})",
            R"({"aws:CurrentTime":"2026-11-25T01:00:00Z"})", true},
        Row{"DateLessThanWithOffset",
            R"({"DateLessThan":{"aws:CurrentTime":"2026-11-25T02:00:00+01:00"}})",
            R"({"aws:CurrentTime":"2026-11-25T01:30:00Z"})", false},
        Row{"DateEqualsEpoch", R"({"DateEquals":{"aws:EpochTime":"1764032400"}})",
            R"({"aws:EpochTime":"2025-11-25T01:00:00Z"})", true},
        Row{"DateYearMonthIsFirstInstant", R"({"DateGreaterThan":{"aws:CurrentTime":"2025-06"}})",
            R"({"aws:CurrentTime":"2025-06-15T00:00:00Z"})", true},
        Row{"DateYearMonthNotAfter", R"({"DateGreaterThan":{"aws:CurrentTime":"2025-07"}})",
            R"({"aws:CurrentTime":"2025-06-15T00:00:00Z"})", false},
        Row{"DateLessThanEqualsSameInstant",
            R"({"DateLessThanEquals":{"aws:CurrentTime":"2026-11-25"}})",
            R"({"aws:CurrentTime":"2026-11-25T00:00:00Z"})", true}));

// Values that are not of the operator's type: errors, never silent non-matches.
INSTANTIATE_TEST_SUITE_P(
    Date, InvalidValueTest,
    ::testing::Values(InvalidValue{"Month13", "DateGreaterThan", R"("2025-13-01")"},
                      InvalidValue{"February31", "DateLessThan", R"("2025-02-31")"},
                      InvalidValue{"Hour25", "DateEquals", R"("2025-01-01T25:00:00Z")"},
                      InvalidValue{"Minute60", "DateEquals", R"("2025-01-01T00:60:00Z")"},
                      InvalidValue{"Word", "DateGreaterThan", R"("yesterday")"},
                      InvalidValue{"EpochOverflow", "DateLessThan", R"("99999999999999999999")"},
                      InvalidValue{"EpochPastYear9999", "DateLessThan", R"("253402300800")"},
                      InvalidValue{"BadOffset", "DateEquals", R"("2025-01-01T00:00:00+25:00")"}));

}  // namespace
}  // namespace iamsim
