package dev.loupe.formats;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** RFC 4180 fields: commas inside double quotes, and doubled quotes inside quoted fields. */
public final class CsvRows {

    private CsvRows() {
    }

    /** The fields of one line; an unclosed quote is an error naming the file and line. */
    public static List<String> split(String line, Path file, int n) throws AnnotationFormatException {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw AnnotationFormatException.at(file, n, "a quoted field is not closed (expected a closing \")");
        }
        out.add(field.toString());
        return out;
    }

    /** The field as CSV writes it: quoted when it holds a comma or a quote. */
    public static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** One CSV line of these fields, each quoted where needed. */
    public static String join(List<String> fields) {
        StringBuilder out = new StringBuilder();
        for (String f : fields) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(quote(f));
        }
        return out.toString();
    }
}
