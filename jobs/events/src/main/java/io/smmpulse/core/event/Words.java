package io.smmpulse.core.event;

import java.util.List;
import java.util.Locale;

/** The config's word lists (docs/communities.md) (stop words, negative words): a case-insensitive substring of the text. */
public final class Words {
    private Words() {}

    public static boolean containsAny(String text, List<String> words) {
        if (text == null || words.isEmpty()) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String word : words) {
            if (!word.isEmpty() && lower.contains(word.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
