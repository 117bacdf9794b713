/*
 * xlsx_floor: the floor for macie-report's XLSX stage.
 *
 * The Jobs sheet is nearly all of report.xlsx, and libxlsxwriter (building the sheet XML,
 * deflating it, writing the zip) is most of that sheet's cost. This program measures
 * libxlsxwriter alone, with the data already in memory and already typed, so the Swift
 * stage (`timing: report.xlsx`) has something to be compared with: whatever it takes beyond
 * this is Swift-side overhead. scripts/benchmark.py compiles and runs it.
 *
 *     cc -O2 -o /tmp/xlsx_floor Benchmarks/xlsx_floor.c $(pkg-config --cflags --libs xlsxwriter)
 *     xlsx_floor JOBS_CSV OUT.xlsx
 *
 * JOBS_CSV is a jobs.csv written with --no-formula-guard (RFC 4180). It is read, parsed and
 * converted up front, untimed; only workbook_new_opt .. workbook_close is timed, writing the
 * same Jobs-sheet cells with the same options as XLSXRenderer. Prints
 * `floor_seconds=X.XXX rows=N cells=M` (cells written, header included).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

enum kind { TEXT, NUMBER, DATE };
typedef struct { const char *text; double value; } cell;  /* text "" = empty, not written */

static const char *date_columns[] = {"createdAt", "lastRunTime", "jobPausedAt", "jobExpiresAt", NULL};
static const char *number_columns[] = {"numberOfRuns", "samplingPercentage", "bucketCount",
                                       "approximateNumberOfObjectsToProcess", NULL};

static void die(const char *what, const char *detail) {
    fprintf(stderr, "xlsx_floor: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    exit(1);
}

static int listed(const char *name, const char **names) {
    for (; *names; names++) if (strcmp(name, *names) == 0) return 1;
    return 0;
}

/* Splits the next RFC 4180 field off *p in place (quotes removed, "" unescaped) and
 * NUL-terminates it. Sets *end_of_record after the field that ends a record. */
static char *next_field(char **p, int *end_of_record) {
    char *start = *p, *in = *p, *out = *p;
    if (*in == '"') {
        for (in++; *in; in++) {
            if (*in == '"' && in[1] == '"') { *out++ = '"'; in++; }
            else if (*in == '"') { in++; break; }
            else *out++ = *in;
        }
    } else {
        while (*in && *in != ',' && *in != '\r' && *in != '\n') *out++ = *in++;
    }
    *end_of_record = *in != ',';
    if (*in == ',') in++;
    else if (*in == '\r') in += in[1] == '\n' ? 2 : 1;
    else if (*in == '\n') in++;
    *out = '\0';  /* out <= the separator just consumed, so this never clobbers unread input */
    *p = in;
    return start;
}

/* `YYYY-MM-DDTHH:MM:SSZ` to an Excel serial (UTC days since 1899-12-30). */
static double excel_serial(const char *iso) {
    int y, mo, d, h, mi, s;
    if (sscanf(iso, "%d-%d-%dT%d:%d:%dZ", &y, &mo, &d, &h, &mi, &s) != 6) die("bad date", iso);
    y -= mo <= 2;  /* days from civil (Howard Hinnant), exact for the proleptic Gregorian calendar */
    long era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
    long doy = (153L * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long days = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
    return (days * 86400.0 + h * 3600 + mi * 60 + s) / 86400.0 + 25569.0;
}

static double seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void check(lxw_error status, const char *what) {
    if (status != LXW_NO_ERROR) die(what, lxw_strerror(status));
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: xlsx_floor JOBS_CSV OUT.xlsx\n"); return 2; }

    /* 1. Untimed: read the whole file, split it into cells, type them. */
    FILE *f = fopen(argv[1], "rb");
    if (!f) die("cannot open", argv[1]);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    rewind(f);
    char *data = malloc((size_t)size + 1), *p = data;
    if (!data || fread(data, 1, (size_t)size, f) != (size_t)size) die("cannot read", argv[1]);
    data[size] = '\0';
    fclose(f);

    int columns = 0, end = 0, kinds[64];
    const char *names[64];
    while (!end) {
        if (columns == 64) die("too many columns", NULL);
        names[columns] = next_field(&p, &end);
        kinds[columns] = listed(names[columns], date_columns) ? DATE
                       : listed(names[columns], number_columns) ? NUMBER : TEXT;
        columns++;
    }
    size_t rows = 0, capacity = 1024;
    cell *cells = malloc(capacity * columns * sizeof(cell));
    if (!cells) die("out of memory", NULL);
    while (*p) {
        if (rows == capacity && !(cells = realloc(cells, (capacity *= 2) * columns * sizeof(cell))))
            die("out of memory", NULL);
        cell *row = cells + rows * columns;
        for (int c = 0; c < columns; c++) {
            if (end && c > 0) die("short record", NULL);
            row[c].text = next_field(&p, &end);
            if (!*row[c].text) continue;
            if (kinds[c] == DATE) row[c].value = excel_serial(row[c].text);
            if (kinds[c] == NUMBER) row[c].value = strtod(row[c].text, NULL);
        }
        if (!end) die("long record", NULL);
        rows++;
    }

    /* Column widths as XLSXSheet.width computes them: header + 3 or the longest of the first
     * 2000 values (dates 19), capped at 60, plus 1. */
    double widths[64];
    for (int c = 0; c < columns; c++) {
        size_t longest = strlen(names[c]) + 3;
        for (size_t r = 0; r < rows && r < 2000 && longest < 60; r++) {
            size_t length = kinds[c] == DATE && *cells[r * columns + c].text ? 19 : strlen(cells[r * columns + c].text);
            if (length > longest) longest = length;
        }
        widths[c] = longest >= 60 ? 60 : (double)longest + 1;
    }

    /* Up to 20 000 rows the Swift side makes the Jobs sheet an Excel table, in memory, with
     * console links on the names; beyond, it streams (constant memory) with an autofilter. */
    int as_table = rows > 0 && rows <= 20000;
    int name_col = -1, region_col = -1, id_col = -1;
    for (int c = 0; c < columns; c++) {
        if (!strcmp(names[c], "name")) name_col = c;
        if (!strcmp(names[c], "region")) region_col = c;
        if (!strcmp(names[c], "jobId")) id_col = c;
    }
    char **urls = calloc(rows ? rows : 1, sizeof *urls);
    for (size_t r = 0; as_table && r < rows; r++) {
        const char *region = cells[r * columns + region_col].text, *id = cells[r * columns + id_col].text;
        size_t n = 2 * strlen(region) + strlen(id) + 96;
        urls[r] = malloc(n);
        snprintf(urls[r], n, "https://%s.console.aws.amazon.com/macie/home?region=%s#/jobs?jobId=%s", region, region, id);
    }
    lxw_table_column table_columns[64], *table_list[65];
    for (int c = 0; c < columns; c++) {
        memset(&table_columns[c], 0, sizeof table_columns[c]);
        table_columns[c].header = (char *)names[c];
        table_list[c] = &table_columns[c];
    }
    table_list[columns] = NULL;

    /* tmpdir = the output file's directory, as the Swift side does. */
    char *tmpdir = strdup(argv[2]), *slash = strrchr(tmpdir, '/');
    if (slash) *(slash == tmpdir ? slash + 1 : slash) = '\0';
    else strcpy(tmpdir, ".");

    /* 2. Timed: libxlsxwriter only. */
    double start = seconds();
    lxw_workbook_options options = {.constant_memory = as_table ? LXW_FALSE : LXW_TRUE, .tmpdir = tmpdir, .use_zip64 = LXW_TRUE};
    lxw_workbook *book = workbook_new_opt(argv[2], &options);
    if (!book) die("cannot start workbook", argv[2]);
    lxw_worksheet *sheet = workbook_add_worksheet(book, "Jobs");
    lxw_format *header = workbook_add_format(book), *date = workbook_add_format(book);
    format_set_bold(header);
    format_set_bg_color(header, 0xEEF1F4);
    format_set_num_format(date, "yyyy-mm-dd hh:mm:ss");
    size_t written = 0;
    if (as_table) {
        lxw_table_options table = {.style_type = LXW_TABLE_STYLE_TYPE_LIGHT, .style_type_number = 9, .columns = table_list};
        check(worksheet_add_table(sheet, 0, 0, (lxw_row_t)rows, columns - 1, &table), "table");
    }
    for (int c = 0; c < columns; c++) {
        check(worksheet_set_column(sheet, c, c, widths[c], NULL), "set_column");
        check(worksheet_write_string(sheet, 0, c, names[c], header), "header");
        written++;
    }
    for (size_t r = 0; r < rows; r++) {
        for (int c = 0; c < columns; c++) {
            const cell *x = &cells[r * columns + c];
            if (!*x->text) continue;
            lxw_row_t row = (lxw_row_t)(r + 1);
            if (as_table && c == name_col && strlen(x->text) <= 255 &&
                worksheet_write_url_opt(sheet, row, c, urls[r], NULL, x->text, "Open in the Macie console") == LXW_NO_ERROR) {
                written++;
                continue;
            }
            if (kinds[c] == TEXT) check(worksheet_write_string(sheet, row, c, x->text, NULL), "write_string");
            else check(worksheet_write_number(sheet, row, c, x->value, kinds[c] == DATE ? date : NULL), "write_number");
            written++;
        }
    }
    worksheet_freeze_panes(sheet, 1, 0);
    if (!as_table) check(worksheet_autofilter(sheet, 0, 0, (lxw_row_t)rows, columns - 1), "autofilter");
    /* The two highlight rules and the print set-up the Swift side adds to a streamed sheet
     * (written once; links and the Excel table exist only below 20 000 jobs). */
    lxw_format *highlight = workbook_add_format(book);
    format_set_bold(highlight);
    format_set_bg_color(highlight, 0xFBE3E1);
    lxw_conditional_format rule = {.type = LXW_CONDITIONAL_TYPE_FORMULA, .value_string = "=$G2=\"ERROR\"", .format = highlight};
    if (rows) check(worksheet_conditional_format_range(sheet, 1, 6, (lxw_row_t)rows, 6, &rule), "conditional format");
    lxw_conditional_format expiring = {.type = LXW_CONDITIONAL_TYPE_FORMULA,
        .value_string = "=AND($F2=\"USER_PAUSED\",$S2<>\"\",$S2<=46358.25)", .format = highlight};
    if (rows) check(worksheet_conditional_format_range(sheet, 1, 18, (lxw_row_t)rows, 18, &expiring), "conditional format");
    worksheet_set_landscape(sheet);
    worksheet_fit_to_pages(sheet, 1, 0);
    check(worksheet_repeat_rows(sheet, 0, 0), "repeat rows");
    check(workbook_close(book), "close");
    double elapsed = seconds() - start;

    printf("floor_seconds=%.3f rows=%zu cells=%zu\n", elapsed, rows, written);
    for (size_t r = 0; r < rows; r++) free(urls[r]);
    free(urls);
    free(cells);
    free(data);
    free(tmpdir);
    return 0;
}
