package io.jinchuang.ledger.http;

import java.util.List;
import java.util.Locale;

/**
 * Content negotiation on the Accept header (RFC 9110 §12.5.1): each offered type gets the
 * quality of the most specific range that matches it; the highest quality wins, ties going
 * to the order of the offer; q=0 refuses. No Accept header accepts anything.
 */
final class Accept {
    /** Ranges beyond this many are ignored: a header is not a place to make the server work. */
    static final int RANGES_MAX = 32;

    private Accept() {}

    /** The offered type to answer with, or null when the header accepts none of them (406). */
    static String choose(String header, List<String> offered) {
        if (header == null || header.isBlank()) {
            return offered.get(0);
        }
        String best = null;
        double bestQuality = 0;
        List<Range> ranges = parse(header);
        for (String type : offered) {
            double quality = quality(type, ranges);
            if (quality > bestQuality) {
                best = type;
                bestQuality = quality;
            }
        }
        return best;
    }

    private record Range(String type, String subtype, double quality) {
        /** 2 for type/subtype, 1 for type/*, 0 for *&#47;*: the most specific match decides. */
        int specificity() {
            return type.equals("*") ? 0 : subtype.equals("*") ? 1 : 2;
        }

        boolean matches(String mediaType) {
            int slash = mediaType.indexOf('/');
            return (type.equals("*") || type.equals(mediaType.substring(0, slash)))
                    && (subtype.equals("*") || subtype.equals(mediaType.substring(slash + 1)));
        }
    }

    private static double quality(String mediaType, List<Range> ranges) {
        Range chosen = null;
        for (Range range : ranges) {
            if (range.matches(mediaType) && (chosen == null || range.specificity() > chosen.specificity())) {
                chosen = range;
            }
        }
        return chosen == null ? 0 : chosen.quality();
    }

    private static List<Range> parse(String header) {
        List<Range> ranges = new java.util.ArrayList<>();
        for (String part : header.split(",")) {
            if (ranges.size() == RANGES_MAX) {
                break;
            }
            String[] pieces = part.split(";", -1); // -1: ";" alone is one empty range, not none
            String media = pieces[0].trim().toLowerCase(Locale.ROOT);
            int slash = media.indexOf('/');
            if (slash <= 0 || slash == media.length() - 1) {
                continue;
            }
            ranges.add(new Range(media.substring(0, slash), media.substring(slash + 1), quality(pieces)));
        }
        return ranges;
    }

    /** The q parameter; a malformed one counts as 1 (the default), clamped to [0, 1]. */
    private static double quality(String[] pieces) {
        for (int n = 1; n < pieces.length; n++) {
            String parameter = pieces[n].trim();
            if (parameter.length() > 2 && (parameter.startsWith("q=") || parameter.startsWith("Q="))) {
                try {
                    return Math.max(0, Math.min(1, Double.parseDouble(parameter.substring(2))));
                } catch (NumberFormatException e) {
                    return 1;
                }
            }
        }
        return 1;
    }
}
