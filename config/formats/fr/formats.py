# Canadian French (fr-CA), for the French pages and emails. Django picks this
# module for the language "fr" through FORMAT_MODULE_PATH, in place of its own
# French (France) formats. The admin stays in English.
DATE_FORMAT = "j F Y"  # 20 avril 2020
DATETIME_FORMAT = r"j F Y, H \h i"
TIME_FORMAT = r"H \h i"  # 16 h 00
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
# The Office québécois de la langue française and the federal government write
# short dates the ISO way in Canada.
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = r"Y-m-d H \h i"
FIRST_DAY_OF_WEEK = 0  # Sunday, as on Canadian calendars
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"]
DECIMAL_SEPARATOR = ","
# A no-break space, so "1 000" is never split across two lines.
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3

PUBLIC_DATE_FORMAT = "j F Y"  # 20 avril 2020
PUBLIC_DATETIME_FORMAT = r"l j F Y, H \h i T"  # lundi 20 avril 2020, 16 h 00 EDT
MONEY_FORMAT = "{amount}\xa0$"  # 1 000 $
