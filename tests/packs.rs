//! Every rule pack's own pass/fail examples run as tests, and the packs stay well formed.

use citelint::document::{Format, ReadOptions, read};
use citelint::rules::Engine;

/// Checks a Markdown example with only `rule` enabled, returning the rule ids that fired.
fn fired(engine: &Engine, example: &str) -> Vec<String> {
    let doc = read(
        example.as_bytes(),
        Format::Markdown,
        &ReadOptions::default(),
    )
    .expect("examples are UTF-8");
    engine
        .check(&doc)
        .into_iter()
        .map(|f| f.rule.to_string())
        .collect()
}

fn engine_for(rule: &str) -> Engine {
    let mut engine = Engine::with_embedded().expect("embedded packs load");
    let ids: Vec<String> = engine.rules().map(|(_, r, _)| r.id.to_string()).collect();
    for id in ids {
        if id != rule {
            engine.set_level(&id, None);
        }
    }
    engine
}

#[test]
fn every_pass_example_fires_no_rule_and_every_fail_example_fires_its_own() {
    let engine = Engine::with_embedded().unwrap();
    let mut failures = Vec::new();
    for (_, rule, _) in engine.rules() {
        let only = engine_for(&rule.id);
        // `citelint explain` shows a pass example as compliant: with every rule of the
        // pack, not only its own.
        for example in &rule.pass {
            let got = fired(&engine, example);
            if !got.is_empty() {
                failures.push(format!(
                    "{}: pass example fired {got:?}:\n{example}",
                    rule.id
                ));
            }
        }
        for example in &rule.fail {
            let got = fired(&only, example);
            if !got.iter().any(|id| *id == *rule.id) {
                failures.push(format!(
                    "{}: fail example fired {got:?}:\n{example}",
                    rule.id
                ));
            }
        }
        assert!(
            !rule.pass.is_empty() && !rule.fail.is_empty(),
            "{} needs pass and fail examples",
            rule.id
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn rule_ids_are_unique_and_their_list_changes_only_on_purpose() {
    let engine = Engine::with_embedded().unwrap();
    let ids: Vec<String> = engine
        .rules()
        .map(|(_, r, _)| format!("{} {}", r.id, r.severity))
        .collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len());
    snapbox::assert_data_eq!(
        ids.join("\n") + "\n",
        snapbox::file!["snapshots/rule-ids.txt"].raw()
    );
}

#[test]
fn every_rule_quotes_its_terms_with_an_https_url() {
    let engine = Engine::with_embedded().unwrap();
    for (_, rule, _) in engine.rules() {
        assert!(rule.terms_url.starts_with("https://"), "{}", rule.id);
        assert!(rule.terms.len() > 40, "{} quotes no terms", rule.id);
        assert!(
            !rule.rationale.is_empty() && !rule.help.is_empty(),
            "{}",
            rule.id
        );
    }
}

/// Citation cues one at a time: each sentence, alone in a document without a link, cites the
/// source; a bare mention beside them does not.
#[test]
fn each_cue_form_alone_cites_the_source() {
    let rule = "ukrinform/first-paragraph-link";
    let engine = engine_for(rule);
    let cites = [
        "Ukrinform quoted the deputy minister as saying the talks went well.",
        "Ukrinform cited the ministry as saying the talks went well.",
        "Ukrinform posted the video on its Telegram channel.",
        "When asked by Ukrinform, the ministry said the crossing would reopen.",
        "In response to a request from Ukrinform, the ministry said 40 schools got generators.",
        "The minister arrived in London.\n\nWith files from Ukrinform",
        "The minister arrived in London.\n\nSources: Reuters, Ukrinform",
        "KYIV (Ukrinform/AFP) - The minister arrived in London.",
        "The minister arrived in London.\n\n*Text and photo: Ukrinform*",
        "The minister arrived in London.\n\nRead more on Ukrinform.",
        "Міністр прибув до Лондона.\n\nЧитайте більше на Укрінформі.",
        "Міністр прибув до Лондона.\n\nЗа матеріалами: Укрінформ",
        "Министр прибыл в Лондон.\n\nПо материалам: Укринформ",
        "Міністр прибув до Лондона.\n\nДжерела: Reuters, Укрінформ",
        "Зі слів кореспондентки Укрінформу, рух відкрили в понеділок.",
        "Спілкуючись з кореспондентом Укрінформу, міністр сказав, що рух відкрили.",
        "De acuerdo con Ukrinform, la reunión se aplazó al martes.",
        "Ukrinform informó que la reunión se aplazó al martes.",
        "Según la agencia ucraniana Ukrinform, la reunión se aplazó.",
        "D'après Ukrinform, la réunion a été reportée à mardi.",
        "La réunion a été reportée à mardi, a rapporté Ukrinform.",
        "Selon l'agence ukrainienne Ukrinform, la réunion a été reportée.",
        "Ukrinform podaje, że spotkanie przełożono na wtorek.",
        "Według ukraińskiej agencji Ukrinform spotkanie przełożono.",
        "Spotkanie przełożono, powołując się na Ukrinform.",
        "Die Sitzung wurde verschoben, so die Nachrichtenagentur Ukrinform.",
        "会議は火曜日に延期されたと、ウクルインフォルム通信が伝えた。",
        "ウクルインフォルムの報道によると、会議は火曜日に延期された。",
        "The ministry confirmed the figures (h/t Ukrinform).",
        "The ministry confirmed the figures, hat tip to Ukrinform.",
        "The crossing will reopen, the governor said in remarks to Ukrinform.",
        "Interviewed by Ukrinform, the governor said the crossing would reopen.",
        "Ukrinform was told this by the press service of the ministry.",
        "Ukrinform understands that the crossing will reopen on Monday.",
        "The crossing will reopen on Monday, the ministry said, referencing Ukrinform.",
        "Як стало відомо Укрінформу, рух відкриють у понеділок.",
        "Про це міністр сказав у коментарі для Укрінформу.",
        "Про це йдеться на сайті Укрінформу.",
        "Как стало известно Укринформу, движение откроют в понедельник.",
        "„Die Grenze bleibt offen“, sagte der Minister Ukrinform.",
        "„Die Grenze bleibt offen“, sagte er Ukrinform am Montag.",
        "Das teilte die ukrainische Nachrichtenagentur Ukrinform am Montag mit.",
        "Wie Ukrinform erfuhr, bleibt die Grenze offen.",
        "Die Grenze bleibt offen, berichtet die Zeitung unter Berufung auf Ukrinform.",
        "« La frontière reste ouverte », a-t-il déclaré à Ukrinform.",
        "« La frontière reste ouverte », a-t-elle confié à Ukrinform.",
        "Selon les informations d’Ukrinform, la frontière reste ouverte.",
        "La frontera sigue abierta, según recoge Ukrinform.",
        "La frontera sigue abierta, ha informado Ukrinform.",
        "Ukrinform podał, że granica pozostaje otwarta.",
        "ウクルインフォルムは、国境は開いたままだと伝えた。",
        "大臣はウクルインフォルムに対し、決定は5月に発効すると語った。",
        "The cabinet approved the rules on Friday, [[Ukrinform]] reports.",
        "Кабмін ухвалив правила в п'ятницю, повідомляє [[Укрінформ]].",
        "[[Ukrinform]]’s correspondent reports that the cabinet approved the rules.",
        "Ukrinformによると、大臣は火曜日に到着した。",
        "大臣はウクルインフォルムに語った。",
        "According to Ukrinform¹, the minister arrived on Tuesday.",
        "За даними Укрінформу², міністр прибув у вівторок.",
        "According to Ukrinformʼs correspondent, the minister arrived on Tuesday.",
        "„Ukrinform“ berichtet, dass der Minister am Dienstag eintraf.",
        "Das teilte das Außenministerium Ukrinform mit.",
        "« Les discussions ont été bonnes », a déclaré le ministre à Ukrinform.",
        "En declaraciones a Ukrinform, el ministro dijo que las conversaciones fueron buenas.",
        "Minister przybył we wtorek, podaje PAP za Ukrinformem.",
        "Le ministre est arrivé, rapporte Le Monde citant Ukrinform.",
        "The minister arrived in London.\n\nThis article first appeared on Ukrinform.",
        "The minister arrived in London.\n\nThe post Minister arrives appeared first on Ukrinform.",
        "The minister arrived in London.\n\nContinue reading on Ukrinform.",
        "The minister arrived in London.\n\nOriginal: Ukrinform",
        "By Ukrinform\n\nThe minister arrived in London.",
        "Story by Ukrinform staff\n\nThe minister arrived in London.",
        "As reported earlier by Ukrinform, the minister arrived in London.",
        "By Ukrinform's count, 300 journalists have been injured since 2022.",
        "The minister arrived in London.\n\nTranslated from Ukrinform.",
        "Міністр прибув до Лондона.\n\nДетальніше читайте на сайті Укрінформу.",
        "Министр прибыл в Лондон.\n\nПодробнее читайте на сайте Укринформа.",
        "Міністр прибув до Лондона.\n\nПосилання на першоджерело: Укрінформ",
        "Міністр прибув до Лондона (у перекладі Укрінформу).",
    ];
    let mut missed = Vec::new();
    for text in cites {
        if !fired(&engine, text).iter().any(|r| r == rule) {
            missed.push(text);
        }
    }
    assert!(missed.is_empty(), "not read as citing: {missed:#?}");
    let bare = "Ukrinform marked its anniversary with an exhibition.";
    assert!(fired(&engine, bare).is_empty(), "a bare mention cites");
}

/// Near misses of the cues: the agency named without attributing anything to it, or a word
/// that only begins with its name.
#[test]
fn mentions_and_words_that_begin_with_the_name_cite_nothing() {
    let engine = engine_for("ukrinform/first-paragraph-link");
    let mentions = [
        "Українські вчені створили новий сплав, повідомляє Укрінформнаука.",
        "The platform was built, according to Ukrinformation Systems, in 2019.",
        "Die Regierung sagte der Presse nichts über Ukrinform.",
        "ウクルインフォルムは1918年に設立された。",
        "The minister said in remarks to reporters that Ukrinform turned 100.",
        "In 2015, Ukrinform was told to cut its staff by a third.",
        "Die Regierung sagte der Generaldirektor Ukrinforms am Montag nichts.",
        "Der Minister bestätigte die Finanzierung Ukrinforms für das nächste Jahr.",
        "Ukrinform teilte sich lange ein Gebäude mit der Zeitung Holos Ukrajiny.",
        "ウクルインフォルムは、戦争のニュースを伝えている国営通信社だ。",
        "野党はウクルインフォルムに対し批判的な立場を明らかにした。",
        "More details on Ukrinform's funding will follow next year.",
        "The museum was founded by Ukrinform in 1998.",
        "Перекладач Укрінформу отримав премію.",
        "Anna Melnyk first appeared on Ukrinform TV as a trainee presenter in 2016.",
        "The subtitles were translated by Ukrinform's former correspondent in Ankara.",
        "Кабинет министров одобрил перевод Укринформа в сферу управления Минкульта.",
        "Claimed original: Ukrinform. In fact the agency never published the video.",
        "Full story: Ukrinform at 105, a century of reporting from Kyiv.",
        "The ministry asked for more information on Ukrinform.",
        "Пресконференція відбулася в Укрінформі у вівторок.",
    ];
    for text in mentions {
        assert!(fired(&engine, text).is_empty(), "{text:?} cites");
    }
}

/// The phrasings that name the outlet a report of the source cites, in every edition's
/// language: the outlet needs a link of its own.
#[test]
fn each_phrasing_of_the_source_citing_an_outlet_asks_for_its_link() {
    let rule = "ukrinform/foreign-outlet-link";
    let engine = engine_for(rule);
    let texts = [
        "[Укрінформ](https://www.ukrinform.ua/), цитуючи Bloomberg, повідомляє про нові санкції.",
        "[Ukrinform](https://www.ukrinform.net/) cites The Times as saying new sanctions are ready.",
        "[Ukrinform](https://www.ukrinform.net/) reports, referencing Politico, that sanctions are ready.",
        "[Ukrinform](https://www.ukrinform.fr/), citant Le Monde, rapporte que les sanctions sont prêtes.",
        "[Ukrinform](https://www.ukrinform.es/), que cita a Reuters, informa de nuevas sanciones.",
        "[Ukrinform](https://www.ukrinform.de/) berichtet unter Berufung auf Bloomberg über neue Sanktionen.",
        "[Ukrinform](https://www.ukrinform.pl/), powołując się na Reutersa, podaje, że sankcje są gotowe.",
        "[Укрінформ](https://www.ukrinform.ua/) з посиланням на «Економіст» повідомляє про санкції.",
        "[Укрінформ](https://www.ukrinform.ua/) з посиланням на газету «Таймс» повідомляє про санкції.",
    ];
    let mut missed = Vec::new();
    for text in texts {
        if !fired(&engine, text).iter().any(|r| r == rule) {
            missed.push(text);
        }
    }
    assert!(missed.is_empty(), "no outlet link asked for: {missed:#?}");
    // Other organisations whose names hold an outlet's, a profession that is one's name, and
    // an outlet named after the party a cue of the editions' languages cites.
    for text in [
        "[Ukrinform](https://www.ukrinform.fr/), citant la présidence, rapporte que la semaine dernière Le Monde a publié un dossier.",
        "[Ukrinform](https://www.ukrinform.de/) berichtet unter Berufung auf das Ministerium, dass die Zeitung Bild gestern darüber schrieb.",
        "[Ukrinform](https://www.ukrinform.net/) reports, citing the Foreign Policy Research Institute, that sanctions are ready.",
        "[Укрінформ](https://www.ukrinform.ua/) з посиланням на Глобал Таймс повідомляє про санкції.",
        "[Укрінформ](https://www.ukrinform.ua/) з посиланням на Москоу Таймс повідомляє про санкції.",
        "Економіст заявив, що інфляція сповільниться. Про це повідомляє [Укрінформ](https://www.ukrinform.ua/).",
        // A Ukrainian outlet is no foreign one.
        "[Укрінформ](https://www.ukrinform.ua/) з посиланням на Forbes Україна повідомляє про нові інвестиції.",
        // The other way round: the outlet cites the source.
        "Bloomberg reported, citing [Ukrinform](https://www.ukrinform.net/), that talks resumed.",
        "The New York Times said on Monday, quoting [Ukrinform](https://www.ukrinform.net/), that talks resumed.",
        "Блумберг повідомляє, посилаючись на [Укрінформ](https://www.ukrinform.ua/), що переговори відновилися.",
        "Der Spiegel berichtete unter Berufung auf [Ukrinform](https://www.ukrinform.de/), dass die Gespräche weitergehen.",
    ] {
        assert!(fired(&engine, text).is_empty(), "{text:?}");
    }
    // Ukrinform citing the outlet in the same sentence still asks for the outlet's link.
    for text in [
        "Bloomberg reported that talks resumed, [Ukrinform](https://www.ukrinform.net/) reports.",
        "[Ukrinform](https://www.ukrinform.net/) reports, citing Bloomberg, that talks resumed.",
    ] {
        assert_eq!(fired(&engine, text), [rule], "{text:?}");
    }
    // An outlet's own short links are its website too.
    for (outlet, link) in [
        ("Bloomberg", "https://bloom.bg/3xYz"),
        ("the BBC", "https://bbc.in/3xYz"),
        ("CNN", "https://cnn.it/3xYz"),
        ("Politico", "https://politi.co/3xYz"),
        ("The Economist", "https://econ.st/3xYz"),
    ] {
        let text = format!(
            "[Ukrinform](https://www.ukrinform.net/) reports, citing [{outlet}]({link}), that sanctions are ready."
        );
        assert!(fired(&engine, &text).is_empty(), "{text:?}");
    }
}
