//! `relf audit`: verdicts, findings and exit statuses on roots and images
//! built at test time.
