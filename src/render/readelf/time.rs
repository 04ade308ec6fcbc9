//! Calendar arithmetic for the time stamps readelf prints (DT_GNU_PRELINKED,
//! MIPS `.liblist`, VMS notes): days since 1970-01-01 to a civil date.

/// Howard Hinnant's `civil_from_days`: `(year, month 1..=12, day 1..=31)`
/// of a count of days since 1970-01-01 (proleptic Gregorian), in i128 so no
/// `i64` input can overflow. Each caller formats the year as its readelf
/// code does (`%u` of an `int`, or `gmtime`'s EOVERFLOW).
pub(super) fn civil_from_days(days: i64) -> (i128, i128, i128) {
    let z = i128::from(days) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i128::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::civil_from_days;

    #[test]
    fn known_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }
}
