"""The English-only warning: a stop-word test (kg.language), measured on paragraphs of our own in ten
languages and on English text, and its one warning line per article in a build."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kg.language import MIN_WORDS, THRESHOLD, english_score, language_warning, looks_english

# Written for these tests (news-like, about meetings, each over 30 words).
NON_ENGLISH = {
    "french": "Le ministre des Affaires étrangères a reçu hier son homologue allemand au Quai d'Orsay. Les deux "
              "responsables ont parlé de la guerre, du commerce et de l'énergie pendant plus de deux heures, puis "
              "ils ont annoncé une nouvelle rencontre à Berlin au mois de mars prochain.",
    "german": "Die Kanzlerin hat am Dienstag den spanischen Ministerpräsidenten in Berlin empfangen. Beide Politiker "
              "sprachen über die Lage in der Ukraine, über Energiepreise und über die Zukunft der Europäischen Union, "
              "bevor sie gemeinsam vor die Presse traten und ein weiteres Treffen ankündigten.",
    "spanish": "El presidente del Gobierno se reunió el lunes con el primer ministro portugués en Lisboa. Ambos "
               "dirigentes hablaron sobre la crisis energética, la inmigración y los fondos europeos, y acordaron "
               "celebrar una nueva cumbre bilateral en Madrid antes del final del próximo año.",
    "italian": "Il presidente del Consiglio ha incontrato ieri a Roma il cancelliere austriaco. I due leader hanno "
               "discusso di migrazione, di energia e della situazione nei Balcani, e hanno deciso di vedersi di nuovo "
               "a Vienna durante la prossima primavera per firmare un accordo sui trasporti.",
    "portuguese": "O presidente recebeu nesta terça-feira o chanceler argentino no Palácio do Planalto. Os dois "
                  "conversaram sobre comércio, segurança na fronteira e a cooperação no Mercosul, e anunciaram que "
                  "voltarão a se encontrar em Buenos Aires no começo do próximo semestre.",
    "dutch": "De minister-president heeft dinsdag in Den Haag zijn Belgische collega ontvangen. De twee regeringsleiders "
             "spraken over de energieprijzen, de haven van Antwerpen en de oorlog in Oekraïne, en zij spraken af om "
             "elkaar na de zomer opnieuw te zien in Brussel voor verdere gesprekken.",
    "indonesian": "Presiden menerima kunjungan Perdana Menteri Malaysia di Istana Merdeka pada hari Selasa. Kedua "
                  "pemimpin membahas perdagangan, perbatasan laut dan kerja sama pendidikan, lalu sepakat untuk "
                  "bertemu lagi di Kuala Lumpur pada akhir tahun ini untuk menandatangani perjanjian baru.",
    "turkish": "Cumhurbaşkanı salı günü Ankara'da Macaristan Başbakanı ile bir araya geldi. İki lider enerji, ticaret "
               "ve göç konularını ele aldı ve gelecek yıl Budapeşte'de yeniden görüşmek üzere anlaştı. Görüşmenin "
               "ardından ortak bir basın toplantısı düzenlendi ve yeni anlaşmalar imzalandı.",
    "russian": "Президент во вторник принял в Кремле премьер-министра Индии. Стороны обсудили торговлю, поставки "
               "энергоносителей и сотрудничество в области образования, а также договорились о новой встрече в "
               "Нью-Дели в конце следующего года, после чего лидеры сделали заявления для прессы.",
    "chinese": "国家主席周二在北京会见了来访的巴西总统。双方就贸易、能源和气候变化等问题深入交换了意见，并同意明年在巴西利亚"
               "再次举行会谈。会见结束后，两国领导人共同出席了合作文件签字仪式，并会见了记者。" * 2,
}

ENGLISH = [
    "The foreign minister met his German counterpart in Paris on Tuesday. The two officials talked about the war, "
    "trade and energy for more than two hours, and they said that they would meet again in Berlin in March.",
    "Shares of the company rose sharply after it reported better than expected profits for the third quarter, "
    "and analysts said the new chief executive had cut costs faster than the market had thought possible.",
]


def test_threshold_separates_the_samples() -> None:
    for language, text in NON_ENGLISH.items():
        score, words = english_score(text)
        assert words >= MIN_WORDS, language
        assert score <= 0.03, (language, score)
        assert not looks_english(text), language
        assert language_warning(text) is not None
    for text in ENGLISH:
        score, _ = english_score(text)
        assert score >= 0.15, score
        assert looks_english(text)
        assert language_warning(text) is None
    assert 0.03 < THRESHOLD < 0.15


def test_short_texts_are_not_judged() -> None:
    assert looks_english("Der Präsident traf den Kanzler.")
    assert looks_english("")


def test_a_build_warns_once_per_non_english_article(tmp_path: Path) -> None:
    from kg.cli import main

    feed = tmp_path / "feed.jsonl"
    lines = [{"id": f"x-{lang}", "text": text} for lang, text in list(NON_ENGLISH.items())[:3]]
    lines.append({"id": "x-english", "text": ENGLISH[0]})
    feed.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(feed), "--out", str(tmp_path / "out"), "--workers", "1"])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("kg: warning:")]
    assert len(warnings) == 3, result.stderr
    assert all("does not look like English" in w for w in warnings)
    assert f"{feed}:1" in warnings[0] and f"{feed}:3" in warnings[2]
    inputs = (tmp_path / "out" / "graph.skipped.csv").read_text(encoding="utf-8")
    assert inputs.count("does not look like English") == 3

