//! The UI strings added after sites were made, built in for French and English.

/// UI strings added after sites were made: a site's config may give them; else French and
/// English have them built in, and another language takes the string named last.
pub(super) const BUILT_IN_STRINGS: &[(&str, &str, &str, &str)] = &[
    (
        "page_also_in",
        "Cette page existe aussi en :",
        "This page is also in:",
        "also_in",
    ),
    (
        "moved",
        "Cette page a changé d’adresse :",
        "This page has moved:",
        "back_home",
    ),
    // `{minutes}` is replaced; a language without it shows no reading time.
    (
        "reading_time",
        "{minutes} min de lecture",
        "{minutes} min read",
        "reading_time",
    ),
    // Before the authors' names; a language without it shows the names alone.
    ("by", "Par", "By", "by"),
    ("sources", "Sources", "Sources", "source"),
    // The page of every topic, and the trail above a topic page.
    (
        "topics_description",
        "Tous les thèmes du dossier, chacun avec sa présentation et son nombre d’articles.",
        "Every topic of the dossier, each with its description and how many articles it has.",
        "topics",
    ),
    ("articles_one", "1 article", "1 article", "articles_one"),
    // The actors' pages (`actors.toml`) and an article's list of the actors it names.
    ("actors", "Acteurs", "Actors", "topics"),
    (
        "actors_description",
        "Qui est qui : les personnes, États, organisations et groupes que nomment les articles \
         du dossier, chacun avec les articles qui le citent.",
        "Who’s who: the people, states, organisations and groups the dossier’s articles name, \
         each with the articles that name it.",
        "topics_description",
    ),
    ("actor_named_in", "Cité dans", "Named in", "topics"),
    (
        "actor_named_with",
        "Souvent cité avec",
        "Often named with",
        "topics",
    ),
    ("actor_since", "depuis le {date}", "since {date}", "updated"),
    ("actor_until", "jusqu’au {date}", "until {date}", "updated"),
    (
        "actor_from_to",
        "du {since} au {until}",
        "from {since} to {until}",
        "updated",
    ),
    (
        "actor_link",
        "Pour en savoir plus",
        "Further reading",
        "source",
    ),
    ("article_actors", "Acteurs cités", "Actors named", "topics"),
    (
        "articles_many",
        "{count} articles",
        "{count} articles",
        "articles_many",
    ),
    ("breadcrumbs", "Fil d’Ariane", "Breadcrumb", "topics_nav"),
    ("briefing_who", "Qui est qui", "Who’s who", "article_actors"),
    // Before the actors an article names, on the printable briefing and in the e-book.
    (
        "actors_named",
        "Acteurs cités\u{a0}:",
        "Actors named:",
        "article_actors",
    ),
    // An article's key figures (`[[figures]]`), and those gathered on a topic's or an actor's
    // page: `{count}` and `{total}` are replaced.
    ("key_figures", "Chiffres clés", "Key figures", "sources"),
    (
        "figures_newest",
        "Les {count} plus récents sur {total}",
        "The {count} newest of {total}",
        "sources",
    ),
    // Reading paths after an article: its topics' older and newer articles, related ones.
    (
        "continue_reading",
        "Poursuivre la lecture",
        "Continue reading",
        "topics",
    ),
    ("older", "Plus ancien", "Older", "older"),
    ("newer", "Plus récent", "Newer", "newer"),
    ("related", "À lire aussi", "Related articles", "related"),
    // After a link to a page in another language: `in_<code>`.
    ("in_fr", "en français", "in French", "only_fr"),
    (
        "status_abstract",
        "Manquante (résumé seulement)",
        "Missing (abstract only)",
        "status_missing",
    ),
    // Above an article's text, its abstract in another language, labelled in that language.
    (
        "abstract_label",
        "Résumé en français",
        "Abstract in English",
        "abstract_label",
    ),
    ("in_en", "en anglais", "in English", "only_en"),
    // Above a quote of the source (`> [!SOURCE]`) in an article's body.
    (
        "from_source",
        "Texte de la source, non de la rédaction",
        "The source’s words, not the editors’",
        "from_source",
    ),
    // The cover of a briefing that holds a selection (`[briefing]`): `{per_topic}`, `{count}`
    // and `{total}` are replaced.
    (
        "briefing_selection",
        "Cette édition réunit les {per_topic} articles les plus récents de chaque thème et ceux que la rédaction a retenus : {count} des {total} articles du dossier. Les autres se lisent en ligne, dans la chronologie et sur les pages des thèmes.",
        "This edition holds the {per_topic} newest articles of each topic and those the editors chose: {count} of the dossier’s {total} articles. The others are online, in the timeline and on the topic pages.",
        "briefing_description",
    ),
    // The briefing's e-book: the link to it (home, briefing, footers), what it is, and its
    // size (`{n}` kilobytes under a megabyte, else megabytes with one decimal); a language
    // without them shows no size.
    (
        "ebook",
        "Livre numérique (EPUB)",
        "E-book (EPUB)",
        "briefing",
    ),
    (
        "ebook_description",
        "le même dossier, à lire hors ligne sur une liseuse, une tablette ou un téléphone.",
        "the same briefing, to read offline on an e-reader, a tablet or a phone.",
        "briefing_description",
    ),
    ("size_kb", "{n} Ko", "{n} KB", "ebook"),
    ("size_mb", "{n} Mo", "{n} MB", "ebook"),
    // On an article's page read side by side: the link back to its own language alone.
    (
        "parallel_exit",
        "Revenir à la lecture en français seul",
        "Back to reading in English only",
        "parallel",
    ),
    // The pages of long lists (topic pages, timelines): `{number}` is replaced.
    (
        "page_number",
        "page {number}",
        "page {number}",
        "page_number",
    ),
    ("pagination", "Pages", "Pages", "pagination"),
    (
        "previous_page",
        "Page précédente",
        "Previous page",
        "previous_page",
    ),
    ("next_page", "Page suivante", "Next page", "next_page"),
    // The search page without JavaScript, when the dossier is longer than its list.
    (
        "search_noscript_latest",
        "La recherche a besoin de JavaScript : voici les articles les plus récents. Tous les autres sont dans la chronologie et sur les pages des thèmes.",
        "Search needs JavaScript: here are the newest articles. All the others are in the timeline and on the topic pages.",
        "search_noscript",
    ),
    (
        "browse",
        "Parcourir tout le dossier :",
        "Browse the whole dossier:",
        "browse",
    ),
    ("source_kind_press", "presse", "press", "source_kind_press"),
    (
        "source_kind_report",
        "rapport",
        "report",
        "source_kind_report",
    ),
    (
        "source_kind_official",
        "source officielle",
        "official source",
        "source_kind_official",
    ),
    (
        "source_kind_academic",
        "étude universitaire",
        "academic study",
        "source_kind_academic",
    ),
];
