package org.citizenhub.documents;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.ReaderException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/** Reads a rendered PDF back as a reader and a scanner would: its text, and the QR code off the page image. */
final class PdfPages {

    private PdfPages() {
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    static int pages(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return document.getNumberOfPages();
        }
    }

    /**
     * The QR code on the first page, decoded from the page image as a phone camera aimed at it sees it: the top
     * right of the page (where the code is printed), at a few resolutions — ZXing's detector misses a large code
     * now and then (about 1 in 50 random codes), and a camera takes another frame.
     */
    static String qrCode(byte[] pdf) throws IOException, NotFoundException, ChecksumException, FormatException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFRenderer renderer = new PDFRenderer(document);
            // crisp module edges, as a printed page gives a camera
            renderer.setRenderingHints(new RenderingHints(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF));
            ReaderException last = null;
            for (int dpi : new int[] {300, 240, 200, 150}) {
                BufferedImage page = renderer.renderImageWithDPI(0, dpi, ImageType.GRAY);
                BufferedImage aimed = page.getSubimage(page.getWidth() / 2, 0, page.getWidth() / 2, page.getHeight() / 3);
                BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(aimed)));
                try {
                    return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE,
                            DecodeHintType.POSSIBLE_FORMATS, java.util.List.of(BarcodeFormat.QR_CODE))).getText();
                } catch (NotFoundException | ChecksumException | FormatException e) {
                    last = e;
                }
            }
            if (last instanceof NotFoundException e) {
                throw e;
            }
            if (last instanceof ChecksumException e) {
                throw e;
            }
            throw (FormatException) last;
        }
    }

    /** Whether every font the first page uses is embedded in the file (no reliance on the reader's system fonts). */
    static boolean fontsEmbedded(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            var resources = document.getPage(0).getResources();
            boolean any = false;
            for (var name : resources.getFontNames()) {
                var font = resources.getFont(name);
                any = true;
                if (!font.isEmbedded()) {
                    return false;
                }
            }
            return any;
        }
    }
}
