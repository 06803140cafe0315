package io.iptscope.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.ui.IptscopeApp;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The installers' inputs, checked without building them (LinuxPackagesIT builds and installs them). */
class PackagingInputsTest {

    private static final Path DESKTOP = Path.of("packaging/linux/iptscope.desktop");
    private static final List<Integer> ICON_SIZES = List.of(16, 24, 32, 48, 64, 128, 256, 512);

    @Test
    void theMenuEntryMatchesTheWindowAndTheCommand() throws IOException {
        Map<String, String> entry = Files.readAllLines(DESKTOP).stream().filter(l -> l.contains("="))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
        // JavaFX on GTK names the window's WM_CLASS after the Application class (seen with xwininfo);
        // docks group the window under the menu entry only when they match.
        assertEquals(IptscopeApp.class.getName(), entry.get("StartupWMClass"));
        assertEquals("iptscope", entry.get("Exec"), "no arguments: the launcher opens the window");
        assertEquals("iptscope", entry.get("Icon"), "the hicolor icon name the packages install");
        assertTrue(entry.get("Categories").startsWith("System;"), entry.get("Categories"));
    }

    @Test
    void everyIconSizeIsRenderedAtItsSize() throws IOException {
        for (int size : ICON_SIZES) {
            BufferedImage icon = ImageIO.read(Path.of("packaging/icons/iptscope-" + size + ".png").toFile());
            assertEquals(size, icon.getWidth(), "width of the " + size + " px icon");
            assertEquals(size, icon.getHeight(), "height of the " + size + " px icon");
        }
        String sizes = ICON_SIZES.stream().map(String::valueOf).collect(Collectors.joining(" "));
        for (String script : List.of("packaging/icons/render.sh", "packaging/build.sh")) {
            assertTrue(Files.readString(Path.of(script)).contains(sizes), script + " names the sizes " + sizes);
        }
    }
}
