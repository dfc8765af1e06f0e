package dev.loupe.train.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A protobuf text-format message as an ordered list of fields, each a scalar (kept as written: number,
 * identifier, true/false or quoted string) or a nested message. Order and repeated fields are kept, so a file
 * read and written back says the same thing.
 */
public final class TextProto {

    /** One field: a scalar {@code value} (as written) or a nested {@code message}. */
    public record Field(String name, String value, TextProto message, int line) {
        public boolean isMessage() {
            return message != null;
        }
    }

    private final List<Field> fields = new ArrayList<>();

    public List<Field> fields() {
        return fields;
    }

    public Optional<Field> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The nested message at this dotted path, if there. */
    public Optional<TextProto> message(String path) {
        TextProto at = this;
        for (String part : path.split("\\.")) {
            Optional<Field> f = at.field(part);
            if (f.isEmpty() || !f.get().isMessage()) {
                return Optional.empty();
            }
            at = f.get().message();
        }
        return Optional.of(at);
    }

    /** A scalar at this dotted path, unquoted. */
    public Optional<String> scalar(String path) {
        return scalarField(path).map(f -> unquote(f.value()));
    }

    /** The scalar field at this dotted path (its value as written, and its line). */
    public Optional<Field> scalarField(String path) {
        int dot = path.lastIndexOf('.');
        Optional<TextProto> parent = dot < 0 ? Optional.of(this) : message(path.substring(0, dot));
        return parent.flatMap(p -> p.field(path.substring(dot + 1))).filter(f -> !f.isMessage());
    }

    /** Sets a scalar at this dotted path (creating messages on the way), keeping its place if it exists. */
    public void set(String path, String value) {
        String[] parts = path.split("\\.");
        TextProto at = parentOf(parts);
        String name = parts[parts.length - 1];
        for (int i = 0; i < at.fields.size(); i++) {
            if (at.fields.get(i).name().equals(name)) {
                at.fields.set(i, new Field(name, value, null, at.fields.get(i).line()));
                return;
            }
        }
        at.fields.add(new Field(name, value, null, 0));
    }

    /** Appends one more message at this dotted path (an entry of a repeated field) and returns it. */
    public TextProto add(String path) {
        String[] parts = path.split("\\.");
        TextProto entry = new TextProto();
        parentOf(parts).fields.add(new Field(parts[parts.length - 1], null, entry, 0));
        return entry;
    }

    /** The message holding the last part of a dotted path, created on the way where missing. */
    private TextProto parentOf(String[] parts) {
        TextProto at = this;
        for (int i = 0; i < parts.length - 1; i++) {
            String part = parts[i];
            TextProto current = at;
            at = current.field(part).filter(Field::isMessage).map(Field::message).orElseGet(() -> {
                TextProto m = new TextProto();
                current.fields.add(new Field(part, null, m, 0));
                return m;
            });
        }
        return at;
    }

    static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")
                ? v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\") : v;
    }

    public static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Writes the message with two-space indentation. */
    public String print() {
        StringBuilder out = new StringBuilder();
        print(out, 0);
        return out.toString();
    }

    private void print(StringBuilder out, int depth) {
        for (Field f : fields) {
            out.append("  ".repeat(depth)).append(f.name());
            if (f.isMessage()) {
                out.append(" {\n");
                f.message().print(out, depth + 1);
                out.append("  ".repeat(depth)).append("}\n");
            } else {
                out.append(": ").append(f.value()).append('\n');
            }
        }
    }

    /** Parses text format; errors name the line and what was expected. */
    public static TextProto parse(String text, String where) {
        Lexer lex = new Lexer(text, where);
        TextProto root = parseFields(lex, false);
        return root;
    }

    private static TextProto parseFields(Lexer lex, boolean nested) {
        TextProto m = new TextProto();
        while (true) {
            String token = lex.next();
            if (token == null) {
                if (nested) {
                    throw lex.error("a closing '}'");
                }
                return m;
            }
            if (token.equals("}")) {
                if (!nested) {
                    throw lex.error("a field name, not '}'");
                }
                return m;
            }
            if (!token.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw lex.error("a field name, not '" + token + "'");
            }
            int line = lex.line;
            String after = lex.next();
            if ("{".equals(after)) {
                m.fields.add(new Field(token, null, parseFields(lex, true), line));
            } else if (":".equals(after)) {
                String value = lex.next();
                if ("{".equals(value)) {
                    m.fields.add(new Field(token, null, parseFields(lex, true), line));
                } else if (value == null || value.equals("}") || value.equals(":")) {
                    throw lex.error("a value after '" + token + ":'");
                } else {
                    m.fields.add(new Field(token, value, null, line));
                }
            } else {
                throw lex.error("':' or '{' after '" + token + "'");
            }
        }
    }

    private static final class Lexer {
        private final String text;
        private final String where;
        private int pos;
        int line = 1;

        Lexer(String text, String where) {
            this.text = text;
            this.where = where;
        }

        String next() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '\n') {
                    line++;
                    pos++;
                } else if (Character.isWhitespace(c) || c == ',' || c == ';') {
                    pos++;
                } else if (c == '#') {
                    while (pos < text.length() && text.charAt(pos) != '\n') {
                        pos++;
                    }
                } else {
                    break;
                }
            }
            if (pos >= text.length()) {
                return null;
            }
            char c = text.charAt(pos);
            if (c == '{' || c == '}' || c == ':') {
                pos++;
                return String.valueOf(c);
            }
            int start = pos;
            if (c == '"' || c == '\'') {
                pos++;
                while (pos < text.length() && text.charAt(pos) != c) {
                    pos += text.charAt(pos) == '\\' ? 2 : 1;
                }
                if (pos >= text.length()) {
                    throw error("a closing quote");
                }
                pos++;
                String s = text.substring(start, pos);
                return c == '\'' ? quote(s.substring(1, s.length() - 1)) : s;
            }
            while (pos < text.length() && !Character.isWhitespace(text.charAt(pos)) && "{}:,;#".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            return text.substring(start, pos);
        }

        IllegalArgumentException error(String expected) {
            return new IllegalArgumentException(where + ":" + line + ": expected " + expected);
        }
    }
}
