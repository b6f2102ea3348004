# Times in the admin and in staff emails name their zone: editors in several
# countries read them, and "14:05" alone is ambiguous.
DATETIME_FORMAT = "Y-m-d H:i T"
SHORT_DATETIME_FORMAT = "Y-m-d H:i T"
DATE_FORMAT = "Y-m-d"
SHORT_DATE_FORMAT = "Y-m-d"
TIME_FORMAT = "H:i T"

# Visitors' pages and emails follow en-CA (config/local_formats.py reads these).
PUBLIC_DATE_FORMAT = "F j, Y"  # April 20, 2020
PUBLIC_DATETIME_FORMAT = "l j F Y, H:i T"  # Monday 20 April 2020, 16:00 EDT
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
MONEY_FORMAT = "${amount}"  # $1,000
