package org.citizenhub.documents;

import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Lays a {@link Sheet} out on A4 pages with PDFBox: the QR code top right on the first page, the rows below,
 * more pages when they do not fit. Text is set in DejaVu Sans, embedded (subset) from the hub's own jar — the
 * standard 14 PDF fonts have no Vietnamese letters, and the hub must not depend on the fonts of the machine.
 * The QR code is drawn as vector squares, so it stays sharp at any zoom and print size.
 */
public final class SheetPdfRenderer {

    private static final String REGULAR = "/fonts/DejaVuSans.ttf";
    private static final String BOLD = "/fonts/DejaVuSans-Bold.ttf";
    private static final float MARGIN = 50;
    /** A QR module of 0.8 mm: well within what phone cameras read on paper, and about 5 cm for a token. */
    private static final float QR_MODULE = 2.25f;
    private static final float QR_COLUMN = 165;
    private static final float LABEL_WIDTH = 170;
    private static final Color GREY = new Color(90, 90, 90);

    private final byte[] regular = resource(REGULAR);
    private final byte[] bold = resource(BOLD);

    /**
     * @param qrContent what the QR code holds (the signed token, or a verify URL ending with it)
     * @param footer    lines printed under the QR code (verification hints)
     */
    public byte[] render(Sheet sheet, String qrContent, List<String> footer) {
        try (PDDocument pdf = new PDDocument()) {
            PDType0Font font = PDType0Font.load(pdf, new ByteArrayInputStream(regular), true);
            PDType0Font boldFont = PDType0Font.load(pdf, new ByteArrayInputStream(bold), true);
            PDDocumentInformation info = pdf.getDocumentInformation();
            info.setTitle(printable(sheet.title(), font));
            info.setProducer("Citizen Hub");
            new Layout(pdf, font, boldFont).write(sheet, qr(qrContent), footer);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render a PDF", e);
        }
    }

    /** The page-by-page writer of one document. */
    private static final class Layout {
        private final PDDocument pdf;
        private final PDType0Font font;
        private final PDType0Font boldFont;
        private final float width = PDRectangle.A4.getWidth();
        private final float height = PDRectangle.A4.getHeight();
        private PDPageContentStream page;
        private float y;

        Layout(PDDocument pdf, PDType0Font font, PDType0Font boldFont) {
            this.pdf = pdf;
            this.font = font;
            this.boldFont = boldFont;
        }

        void write(Sheet sheet, BitMatrix qr, List<String> footer) throws IOException {
            newPage();
            float qrSize = qr.getWidth() * QR_MODULE;
            float qrLeft = width - MARGIN - Math.max(qrSize, QR_COLUMN);
            float qrTop = height - MARGIN + 4 * QR_MODULE; // the quiet zone may reach into the margin
            drawQr(qr, qrLeft, qrTop - qrSize);
            float captionY = qrTop - qrSize - 4;
            for (String line : footer) {
                for (String wrapped : wrap(line, font, 7, Math.max(qrSize, QR_COLUMN))) {
                    text(wrapped, font, 7, qrLeft, captionY, GREY);
                    captionY -= 9;
                }
            }
            float textWidth = qrLeft - MARGIN - 15;
            for (String line : wrap(sheet.heading(), font, 9, textWidth)) {
                line(line, font, 9, MARGIN, GREY, 12);
            }
            y -= 8;
            for (String line : wrap(sheet.title(), boldFont, 16, textWidth)) {
                line(line, boldFont, 16, MARGIN, Color.BLACK, 20);
            }
            y = Math.min(y, captionY) - 16;
            for (Sheet.Row row : sheet.rows()) {
                writeRow(row);
            }
            page.close();
        }

        private void writeRow(Sheet.Row row) throws IOException {
            float valueLeft = MARGIN + LABEL_WIDTH;
            float valueWidth = width - MARGIN - valueLeft;
            List<String> labels = wrap(row.label(), boldFont, 9, LABEL_WIDTH - 10);
            List<String> values = wrap(row.value(), font, 10, valueWidth);
            List<String> sources = row.source().isEmpty() ? List.of() : wrap(row.source(), font, 7.5f, valueWidth);
            float needed = Math.max(labels.size() * 12, values.size() * 13 + sources.size() * 10) + 8;
            if (y - needed < MARGIN) {
                page.close();
                newPage();
            }
            float top = y;
            for (String label : labels) {
                line(label, boldFont, 9, MARGIN, Color.BLACK, 12);
            }
            float labelBottom = y;
            y = top;
            for (String value : values) {
                line(value, font, 10, valueLeft, Color.BLACK, 13);
            }
            for (String source : sources) {
                line(source, font, 7.5f, valueLeft, GREY, 10);
            }
            y = Math.min(y, labelBottom) - 8;
        }

        private void newPage() throws IOException {
            PDPage next = new PDPage(PDRectangle.A4);
            pdf.addPage(next);
            page = new PDPageContentStream(pdf, next);
            y = height - MARGIN;
        }

        private void line(String text, PDType0Font f, float size, float x, Color color, float leading) throws IOException {
            text(text, f, size, x, y - size, color);
            y -= leading;
        }

        private void text(String text, PDType0Font f, float size, float x, float baseline, Color color) throws IOException {
            page.beginText();
            page.setNonStrokingColor(color);
            page.setFont(f, size);
            page.newLineAtOffset(x, baseline);
            page.showText(text);
            page.endText();
        }

        private void drawQr(BitMatrix qr, float left, float bottom) throws IOException {
            float module = QR_MODULE;
            page.setNonStrokingColor(Color.BLACK);
            for (int row = 0; row < qr.getHeight(); row++) {
                for (int col = 0; col < qr.getWidth(); col++) {
                    if (qr.get(col, row)) {
                        page.addRect(left + col * module, bottom + (qr.getHeight() - 1 - row) * module, module, module);
                    }
                }
            }
            page.fill();
        }
    }

    /** The QR code's modules, with the standard quiet zone of 4 modules (error correction M: survives some wear). */
    private static BitMatrix qr(String content) {
        try {
            return new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
        } catch (WriterException e) {
            throw new IllegalArgumentException("the QR content does not fit a QR code", e);
        }
    }

    /** Splits text into lines that fit {@code maxWidth} (breaking at spaces; a word longer than a line is cut). */
    static List<String> wrap(String text, PDType0Font font, float size, float maxWidth) throws IOException {
        String printable = printable(text, font);
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : printable.split(" ")) {
            String candidate = current.isEmpty() ? word : current + " " + word;
            if (width(candidate, font, size) <= maxWidth) {
                current.setLength(0);
                current.append(candidate);
                continue;
            }
            if (!current.isEmpty()) {
                lines.add(current.toString());
                current.setLength(0);
            }
            String rest = word;
            while (width(rest, font, size) > maxWidth && rest.length() > 1) {
                int cut = rest.length() - 1;
                while (cut > 1 && width(rest.substring(0, cut), font, size) > maxWidth) {
                    cut--;
                }
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            current.append(rest);
        }
        if (!current.isEmpty() || lines.isEmpty()) {
            lines.add(current.toString());
        }
        return lines;
    }

    private static float width(String text, PDType0Font font, float size) throws IOException {
        return font.getStringWidth(text) / 1000 * size;
    }

    /**
     * The text as the font can show it: composed (NFC, so "ễ" is one glyph), line breaks and controls as spaces,
     * a character the font lacks as "?" (PDFBox would refuse the whole text).
     */
    static String printable(String text, PDType0Font font) {
        String composed = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(composed.length());
        composed.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || Character.isWhitespace(cp)) {
                out.append(' ');
            } else if (hasGlyph(font, cp)) {
                out.appendCodePoint(cp);
            } else {
                out.append('?');
            }
        });
        return out.toString().replaceAll(" {2,}", " ").strip();
    }

    private static boolean hasGlyph(PDType0Font font, int codePoint) {
        try {
            font.encode(new String(Character.toChars(codePoint)));
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = SheetPdfRenderer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the hub's jar lacks the font " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the font " + name, e);
        }
    }
}
