//! The proleptic Gregorian calendar `_datetime` computes with: ordinals
//! (day 1 is 0001-01-01), month lengths, weekdays and ISO weeks. Pure
//! integer arithmetic, the same formulas as CPython's `datetime`.

/// The smallest year a date may have.
pub const MINYEAR: i64 = 1;
/// The largest year a date may have.
pub const MAXYEAR: i64 = 9999;
/// The ordinal of 9999-12-31.
pub const MAXORDINAL: i64 = 3_652_059;

const DAYS_IN_MONTH: [i64; 13] = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DAYS_BEFORE_MONTH: [i64; 13] = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/// Whether `year` is a leap year.
pub fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// The number of days of `month` (1..=12) in `year`.
pub fn days_in_month(year: i64, month: i64) -> i64 {
    if month == 2 && is_leap(year) {
        29
    } else {
        DAYS_IN_MONTH[month as usize]
    }
}

/// The days before January 1st of `year`.
pub fn days_before_year(year: i64) -> i64 {
    let y = year - 1;
    y * 365 + y.div_euclid(4) - y.div_euclid(100) + y.div_euclid(400)
}

/// The days in `year` before the first of `month`.
fn days_before_month(year: i64, month: i64) -> i64 {
    DAYS_BEFORE_MONTH[month as usize] + i64::from(month > 2 && is_leap(year))
}

/// The ordinal of a valid date.
pub fn ymd_to_ord(year: i64, month: i64, day: i64) -> i64 {
    days_before_year(year) + days_before_month(year, month) + day
}

/// The date of ordinal `n` (which may lie outside 1..=MAXORDINAL; the
/// caller checks the year).
pub fn ord_to_ymd(n: i64) -> (i64, i64, i64) {
    const DI400Y: i64 = 146_097;
    const DI100Y: i64 = 36_524;
    const DI4Y: i64 = 1_461;
    let n = n - 1;
    let (n400, n) = (n.div_euclid(DI400Y), n.rem_euclid(DI400Y));
    let mut year = n400 * 400 + 1;
    let (n100, n) = (n / DI100Y, n % DI100Y);
    let (n4, n) = (n / DI4Y, n % DI4Y);
    let (n1, n) = (n / 365, n % 365);
    year += n100 * 100 + n4 * 4 + n1;
    if n1 == 4 || n100 == 4 {
        return (year - 1, 12, 31);
    }
    let leap = n1 == 3 && (n4 != 24 || n100 == 3);
    let mut month = (n + 50) >> 5;
    let mut preceding = DAYS_BEFORE_MONTH[month as usize] + i64::from(month > 2 && leap);
    if preceding > n {
        month -= 1;
        preceding -= DAYS_IN_MONTH[month as usize] + i64::from(month == 2 && leap);
    }
    (year, month, n - preceding + 1)
}

/// Monday is 0, Sunday 6.
pub fn weekday(year: i64, month: i64, day: i64) -> i64 {
    (ymd_to_ord(year, month, day) + 6) % 7
}

/// The ordinal of the Monday of ISO week 1 of `year`.
fn iso_week1_monday(year: i64) -> i64 {
    let first = ymd_to_ord(year, 1, 1);
    let first_weekday = (first + 6) % 7;
    let monday = first - first_weekday;
    if first_weekday > 3 {
        monday + 7
    } else {
        monday
    }
}

/// `(ISO year, week 1..=53, weekday 1..=7)` of a date.
pub fn iso_calendar(year: i64, month: i64, day: i64) -> (i64, i64, i64) {
    let mut year = year;
    let today = ymd_to_ord(year, month, day);
    let mut monday = iso_week1_monday(year);
    let mut week = (today - monday).div_euclid(7);
    let mut wday = (today - monday).rem_euclid(7);
    if week < 0 {
        year -= 1;
        monday = iso_week1_monday(year);
        week = (today - monday).div_euclid(7);
        wday = (today - monday).rem_euclid(7);
    } else if week >= 52 && today >= iso_week1_monday(year + 1) {
        year += 1;
        week = 0;
    }
    (year, week + 1, wday + 1)
}

/// The date of ISO `(year, week, day)`, or the ValueError message.
pub fn iso_to_gregorian(year: i64, week: i64, day: i64) -> Result<(i64, i64, i64), String> {
    if !(MINYEAR..=MAXYEAR).contains(&year) {
        return Err(format!("Year is out of range: {year}"));
    }
    if !(1..53).contains(&week) {
        let first_weekday = ymd_to_ord(year, 1, 1) % 7;
        let long_year = first_weekday == 4 || (first_weekday == 3 && is_leap(year));
        if week != 53 || !long_year {
            return Err(format!("Invalid week: {week}"));
        }
    }
    if !(1..8).contains(&day) {
        return Err(format!("Invalid weekday: {day} (range is [1, 7])"));
    }
    let ord = iso_week1_monday(year) + (week - 1) * 7 + (day - 1);
    Ok(ord_to_ymd(ord))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_round_trip() {
        for n in [1, 2, 59, 60, 365, 366, 730_120, 730_180, MAXORDINAL] {
            let (y, m, d) = ord_to_ymd(n);
            assert_eq!(ymd_to_ord(y, m, d), n, "{y}-{m}-{d}");
        }
        assert_eq!(ord_to_ymd(1), (1, 1, 1));
        assert_eq!(ord_to_ymd(MAXORDINAL), (9999, 12, 31));
        assert_eq!(ymd_to_ord(2000, 3, 1), 730_180);
    }

    #[test]
    fn iso_weeks() {
        // 2004-01-01 is a Thursday: ISO week 1 of 2004.
        assert_eq!(iso_calendar(2004, 1, 1), (2004, 1, 4));
        // 2005-01-01 is a Saturday: still week 53 of 2004.
        assert_eq!(iso_calendar(2005, 1, 1), (2004, 53, 6));
        assert_eq!(iso_to_gregorian(2004, 53, 6), Ok((2005, 1, 1)));
        assert!(iso_to_gregorian(2005, 53, 1).is_err());
    }
}
