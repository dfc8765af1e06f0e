package dev.loupe.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --images server|shared-folder}: where a team project keeps its images' bytes. */
enum ImagesPlace {
    SERVER, SHARED_FOLDER;

    boolean onServer() {
        return this == SERVER;
    }

    static final class Converter implements ITypeConverter<ImagesPlace> {
        @Override
        public ImagesPlace convert(String value) {
            return switch (value) {
                case "server" -> SERVER;
                case "shared-folder" -> SHARED_FOLDER;
                default -> throw new TypeConversionException("'" + value + "': expected server or shared-folder");
            };
        }
    }
}
