// libxlsxwriter (Debian libxlsxwriter-dev 1.1.4) as one Swift module.
#include <xlsxwriter.h>
