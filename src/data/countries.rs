//! Country names to ISO 3166-1 alpha-3 codes.
//!
//! The table holds every entry of ISO 3166-1 (as distributed in Debian's
//! `iso-codes` 4.15 package, `iso_3166-1.json`) with its short, common and
//! official names, plus the spellings that spending tables and news use:
//! NATO's ("Slovak Republic", "Türkiye"), the World Bank's ("Korea, Rep.",
//! "Egypt, Arab Rep."), SIPRI's ("Korea, South", "Congo, DR") and everyday
//! ones ("UK", "U.S."). Kosovo, absent from ISO 3166-1, has the user-assigned
//! code XKX that the World Bank and the EU use.
//!
//! Matching ignores case, diacritics, dots, apostrophes and other
//! punctuation, a leading "the", and footnote markers such as `*`, `†` or a
//! trailing `(a)`, so "TÜRKIYE*" and "Turkiye" both find TUR.

use std::collections::HashMap;
use std::sync::OnceLock;

/// One country or territory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-3 code.
    pub iso3: &'static str,
    /// Short English name for display.
    pub name: &'static str,
    /// Other names that refer to it.
    pub aliases: &'static [&'static str],
}

/// Every country, sorted by ISO3.
pub fn all() -> &'static [Country] {
    COUNTRIES
}

/// The country with this ISO3 code (any case).
pub fn by_iso3(code: &str) -> Option<&'static Country> {
    let code = code.trim();
    if code.len() != 3 {
        return None;
    }
    let upper = code.to_ascii_uppercase();
    COUNTRIES
        .binary_search_by(|c| c.iso3.cmp(upper.as_str()))
        .ok()
        .map(|i| &COUNTRIES[i])
}

/// Finds a country by name, alias or ISO3 code.
pub fn resolve(text: &str) -> Option<&'static Country> {
    let key = normalise(text);
    if key.is_empty() {
        return None;
    }
    if let Some(&i) = index().get(&key) {
        return Some(&COUNTRIES[i]);
    }
    // An ISO3 code typed as such ("POL"); names win above so that a name that
    // happens to be three letters ("USA", "UAE") keeps its alias meaning.
    by_iso3(text)
}

/// The ISO3 code for a name or code, upper case.
pub fn iso3_of(text: &str) -> Option<&'static str> {
    resolve(text).map(|c| c.iso3)
}

fn index() -> &'static HashMap<String, usize> {
    static INDEX: OnceLock<HashMap<String, usize>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut map = HashMap::new();
        for (i, c) in COUNTRIES.iter().enumerate() {
            // Names before aliases: an alias never overrides another
            // country's own name.
            map.insert(normalise(c.name), i);
        }
        for (i, c) in COUNTRIES.iter().enumerate() {
            for a in c.aliases {
                map.entry(normalise(a)).or_insert(i);
            }
        }
        map
    })
}

/// The matching key of a name: lower case ASCII letters and digits separated
/// by single spaces.
pub fn normalise(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for ch in text.trim().chars() {
        match ch {
            // Footnote markers that tables put after names.
            '*' | '†' | '‡' | '§' | '¹' | '²' | '³' | '⁴' | '⁵' | '⁶' | '⁷' | '⁸' | '⁹' | '⁰' =>
                {}
            '.' | '\'' | '’' | '‘' | '`' => {}
            '&' => s.push_str(" and "),
            c if c.is_alphanumeric() => {
                for l in c.to_lowercase() {
                    s.push(fold_diacritic(l));
                }
            }
            _ => s.push(' '),
        }
    }
    let mut words: Vec<&str> = s.split_whitespace().collect();
    // "Germany (a)", "Poland 12": a trailing note letter in parentheses or a
    // note number is not part of the name.
    while words.len() > 1 {
        let last = words[words.len() - 1];
        let is_note = last.chars().all(|c| c.is_ascii_digit())
            || (last.len() == 1
                && text.trim_end().ends_with(')')
                && text.contains(&format!("({last})")));
        if is_note {
            words.pop();
        } else {
            break;
        }
    }
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    words.join(" ")
}

fn fold_diacritic(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ğ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' | 'į' => 'i',
        'ł' | 'ľ' | 'ĺ' => 'l',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ř' => 'r',
        'ś' | 'š' | 'ş' | 'ș' => 's',
        'ť' | 'ţ' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        other => other,
    }
}

const COUNTRIES: &[Country] = &[
    Country {
        iso3: "ABW",
        name: "Aruba",
        aliases: &[],
    },
    Country {
        iso3: "AFG",
        name: "Afghanistan",
        aliases: &["Islamic Republic of Afghanistan"],
    },
    Country {
        iso3: "AGO",
        name: "Angola",
        aliases: &["Republic of Angola"],
    },
    Country {
        iso3: "AIA",
        name: "Anguilla",
        aliases: &[],
    },
    Country {
        iso3: "ALA",
        name: "Åland Islands",
        aliases: &[],
    },
    Country {
        iso3: "ALB",
        name: "Albania",
        aliases: &["Republic of Albania"],
    },
    Country {
        iso3: "AND",
        name: "Andorra",
        aliases: &["Principality of Andorra"],
    },
    Country {
        iso3: "ARE",
        name: "United Arab Emirates",
        aliases: &["UAE", "U.A.E."],
    },
    Country {
        iso3: "ARG",
        name: "Argentina",
        aliases: &["Argentine Republic"],
    },
    Country {
        iso3: "ARM",
        name: "Armenia",
        aliases: &["Republic of Armenia"],
    },
    Country {
        iso3: "ASM",
        name: "American Samoa",
        aliases: &[],
    },
    Country {
        iso3: "ATA",
        name: "Antarctica",
        aliases: &[],
    },
    Country {
        iso3: "ATF",
        name: "French Southern Territories",
        aliases: &[],
    },
    Country {
        iso3: "ATG",
        name: "Antigua and Barbuda",
        aliases: &["Antigua & Barbuda"],
    },
    Country {
        iso3: "AUS",
        name: "Australia",
        aliases: &[],
    },
    Country {
        iso3: "AUT",
        name: "Austria",
        aliases: &["Republic of Austria"],
    },
    Country {
        iso3: "AZE",
        name: "Azerbaijan",
        aliases: &["Republic of Azerbaijan"],
    },
    Country {
        iso3: "BDI",
        name: "Burundi",
        aliases: &["Republic of Burundi"],
    },
    Country {
        iso3: "BEL",
        name: "Belgium",
        aliases: &["Kingdom of Belgium"],
    },
    Country {
        iso3: "BEN",
        name: "Benin",
        aliases: &["Republic of Benin"],
    },
    Country {
        iso3: "BES",
        name: "Bonaire, Sint Eustatius and Saba",
        aliases: &[],
    },
    Country {
        iso3: "BFA",
        name: "Burkina Faso",
        aliases: &[],
    },
    Country {
        iso3: "BGD",
        name: "Bangladesh",
        aliases: &["People's Republic of Bangladesh"],
    },
    Country {
        iso3: "BGR",
        name: "Bulgaria",
        aliases: &["Republic of Bulgaria"],
    },
    Country {
        iso3: "BHR",
        name: "Bahrain",
        aliases: &["Kingdom of Bahrain"],
    },
    Country {
        iso3: "BHS",
        name: "Bahamas",
        aliases: &["Commonwealth of the Bahamas", "Bahamas, The", "The Bahamas"],
    },
    Country {
        iso3: "BIH",
        name: "Bosnia and Herzegovina",
        aliases: &[
            "Republic of Bosnia and Herzegovina",
            "Bosnia-Herzegovina",
            "Bosnia",
        ],
    },
    Country {
        iso3: "BLM",
        name: "Saint Barthélemy",
        aliases: &[],
    },
    Country {
        iso3: "BLR",
        name: "Belarus",
        aliases: &["Republic of Belarus"],
    },
    Country {
        iso3: "BLZ",
        name: "Belize",
        aliases: &[],
    },
    Country {
        iso3: "BMU",
        name: "Bermuda",
        aliases: &[],
    },
    Country {
        iso3: "BOL",
        name: "Bolivia",
        aliases: &[
            "Bolivia, Plurinational State of",
            "Plurinational State of Bolivia",
        ],
    },
    Country {
        iso3: "BRA",
        name: "Brazil",
        aliases: &["Federative Republic of Brazil"],
    },
    Country {
        iso3: "BRB",
        name: "Barbados",
        aliases: &[],
    },
    Country {
        iso3: "BRN",
        name: "Brunei",
        aliases: &["Brunei Darussalam"],
    },
    Country {
        iso3: "BTN",
        name: "Bhutan",
        aliases: &["Kingdom of Bhutan"],
    },
    Country {
        iso3: "BVT",
        name: "Bouvet Island",
        aliases: &[],
    },
    Country {
        iso3: "BWA",
        name: "Botswana",
        aliases: &["Republic of Botswana"],
    },
    Country {
        iso3: "CAF",
        name: "Central African Republic",
        aliases: &["Central African Rep."],
    },
    Country {
        iso3: "CAN",
        name: "Canada",
        aliases: &[],
    },
    Country {
        iso3: "CCK",
        name: "Cocos (Keeling) Islands",
        aliases: &[],
    },
    Country {
        iso3: "CHE",
        name: "Switzerland",
        aliases: &["Swiss Confederation"],
    },
    Country {
        iso3: "CHL",
        name: "Chile",
        aliases: &["Republic of Chile"],
    },
    Country {
        iso3: "CHN",
        name: "China",
        aliases: &["People's Republic of China"],
    },
    Country {
        iso3: "CIV",
        name: "Côte d'Ivoire",
        aliases: &["Republic of Côte d'Ivoire", "Cote d'Ivoire", "Ivory Coast"],
    },
    Country {
        iso3: "CMR",
        name: "Cameroon",
        aliases: &["Republic of Cameroon"],
    },
    Country {
        iso3: "COD",
        name: "DR Congo",
        aliases: &[
            "Congo, The Democratic Republic of the",
            "Congo, Dem. Rep.",
            "Congo, DR",
            "DRC",
            "Democratic Republic of the Congo",
            "Congo (Kinshasa)",
            "Congo-Kinshasa",
        ],
    },
    Country {
        iso3: "COG",
        name: "Congo",
        aliases: &[
            "Republic of the Congo",
            "Congo, Rep.",
            "Congo, Republic",
            "Congo (Brazzaville)",
            "Congo-Brazzaville",
        ],
    },
    Country {
        iso3: "COK",
        name: "Cook Islands",
        aliases: &[],
    },
    Country {
        iso3: "COL",
        name: "Colombia",
        aliases: &["Republic of Colombia"],
    },
    Country {
        iso3: "COM",
        name: "Comoros",
        aliases: &["Union of the Comoros"],
    },
    Country {
        iso3: "CPV",
        name: "Cabo Verde",
        aliases: &["Republic of Cabo Verde", "Cape Verde"],
    },
    Country {
        iso3: "CRI",
        name: "Costa Rica",
        aliases: &["Republic of Costa Rica"],
    },
    Country {
        iso3: "CUB",
        name: "Cuba",
        aliases: &["Republic of Cuba"],
    },
    Country {
        iso3: "CUW",
        name: "Curaçao",
        aliases: &["Curacao"],
    },
    Country {
        iso3: "CXR",
        name: "Christmas Island",
        aliases: &[],
    },
    Country {
        iso3: "CYM",
        name: "Cayman Islands",
        aliases: &[],
    },
    Country {
        iso3: "CYP",
        name: "Cyprus",
        aliases: &["Republic of Cyprus"],
    },
    Country {
        iso3: "CZE",
        name: "Czechia",
        aliases: &["Czech Republic", "Czech Rep."],
    },
    Country {
        iso3: "DEU",
        name: "Germany",
        aliases: &["Federal Republic of Germany"],
    },
    Country {
        iso3: "DJI",
        name: "Djibouti",
        aliases: &["Republic of Djibouti"],
    },
    Country {
        iso3: "DMA",
        name: "Dominica",
        aliases: &["Commonwealth of Dominica"],
    },
    Country {
        iso3: "DNK",
        name: "Denmark",
        aliases: &["Kingdom of Denmark"],
    },
    Country {
        iso3: "DOM",
        name: "Dominican Republic",
        aliases: &["Dominican Rep."],
    },
    Country {
        iso3: "DZA",
        name: "Algeria",
        aliases: &["People's Democratic Republic of Algeria"],
    },
    Country {
        iso3: "ECU",
        name: "Ecuador",
        aliases: &["Republic of Ecuador"],
    },
    Country {
        iso3: "EGY",
        name: "Egypt",
        aliases: &["Arab Republic of Egypt", "Egypt, Arab Rep."],
    },
    Country {
        iso3: "ERI",
        name: "Eritrea",
        aliases: &["the State of Eritrea"],
    },
    Country {
        iso3: "ESH",
        name: "Western Sahara",
        aliases: &[],
    },
    Country {
        iso3: "ESP",
        name: "Spain",
        aliases: &["Kingdom of Spain"],
    },
    Country {
        iso3: "EST",
        name: "Estonia",
        aliases: &["Republic of Estonia"],
    },
    Country {
        iso3: "ETH",
        name: "Ethiopia",
        aliases: &["Federal Democratic Republic of Ethiopia"],
    },
    Country {
        iso3: "FIN",
        name: "Finland",
        aliases: &["Republic of Finland"],
    },
    Country {
        iso3: "FJI",
        name: "Fiji",
        aliases: &["Republic of Fiji"],
    },
    Country {
        iso3: "FLK",
        name: "Falkland Islands",
        aliases: &["Falkland Islands (Malvinas)"],
    },
    Country {
        iso3: "FRA",
        name: "France",
        aliases: &["French Republic"],
    },
    Country {
        iso3: "FRO",
        name: "Faroe Islands",
        aliases: &[],
    },
    Country {
        iso3: "FSM",
        name: "Micronesia",
        aliases: &[
            "Micronesia, Federated States of",
            "Federated States of Micronesia",
            "Micronesia, Fed. Sts.",
        ],
    },
    Country {
        iso3: "GAB",
        name: "Gabon",
        aliases: &["Gabonese Republic"],
    },
    Country {
        iso3: "GBR",
        name: "United Kingdom",
        aliases: &[
            "United Kingdom of Great Britain and Northern Ireland",
            "UK",
            "U.K.",
            "Great Britain",
            "Britain",
        ],
    },
    Country {
        iso3: "GEO",
        name: "Georgia",
        aliases: &[],
    },
    Country {
        iso3: "GGY",
        name: "Guernsey",
        aliases: &[],
    },
    Country {
        iso3: "GHA",
        name: "Ghana",
        aliases: &["Republic of Ghana"],
    },
    Country {
        iso3: "GIB",
        name: "Gibraltar",
        aliases: &[],
    },
    Country {
        iso3: "GIN",
        name: "Guinea",
        aliases: &["Republic of Guinea"],
    },
    Country {
        iso3: "GLP",
        name: "Guadeloupe",
        aliases: &[],
    },
    Country {
        iso3: "GMB",
        name: "Gambia",
        aliases: &["Republic of the Gambia", "Gambia, The", "The Gambia"],
    },
    Country {
        iso3: "GNB",
        name: "Guinea-Bissau",
        aliases: &["Republic of Guinea-Bissau"],
    },
    Country {
        iso3: "GNQ",
        name: "Equatorial Guinea",
        aliases: &["Republic of Equatorial Guinea"],
    },
    Country {
        iso3: "GRC",
        name: "Greece",
        aliases: &["Hellenic Republic"],
    },
    Country {
        iso3: "GRD",
        name: "Grenada",
        aliases: &[],
    },
    Country {
        iso3: "GRL",
        name: "Greenland",
        aliases: &[],
    },
    Country {
        iso3: "GTM",
        name: "Guatemala",
        aliases: &["Republic of Guatemala"],
    },
    Country {
        iso3: "GUF",
        name: "French Guiana",
        aliases: &[],
    },
    Country {
        iso3: "GUM",
        name: "Guam",
        aliases: &[],
    },
    Country {
        iso3: "GUY",
        name: "Guyana",
        aliases: &["Republic of Guyana"],
    },
    Country {
        iso3: "HKG",
        name: "Hong Kong",
        aliases: &[
            "Hong Kong Special Administrative Region of China",
            "Hong Kong SAR, China",
            "Hong Kong, China",
        ],
    },
    Country {
        iso3: "HMD",
        name: "Heard Island and McDonald Islands",
        aliases: &[],
    },
    Country {
        iso3: "HND",
        name: "Honduras",
        aliases: &["Republic of Honduras"],
    },
    Country {
        iso3: "HRV",
        name: "Croatia",
        aliases: &["Republic of Croatia"],
    },
    Country {
        iso3: "HTI",
        name: "Haiti",
        aliases: &["Republic of Haiti"],
    },
    Country {
        iso3: "HUN",
        name: "Hungary",
        aliases: &[],
    },
    Country {
        iso3: "IDN",
        name: "Indonesia",
        aliases: &["Republic of Indonesia"],
    },
    Country {
        iso3: "IMN",
        name: "Isle of Man",
        aliases: &[],
    },
    Country {
        iso3: "IND",
        name: "India",
        aliases: &["Republic of India"],
    },
    Country {
        iso3: "IOT",
        name: "British Indian Ocean Territory",
        aliases: &[],
    },
    Country {
        iso3: "IRL",
        name: "Ireland",
        aliases: &[],
    },
    Country {
        iso3: "IRN",
        name: "Iran",
        aliases: &[
            "Iran, Islamic Republic of",
            "Islamic Republic of Iran",
            "Iran, Islamic Rep.",
        ],
    },
    Country {
        iso3: "IRQ",
        name: "Iraq",
        aliases: &["Republic of Iraq"],
    },
    Country {
        iso3: "ISL",
        name: "Iceland",
        aliases: &["Republic of Iceland"],
    },
    Country {
        iso3: "ISR",
        name: "Israel",
        aliases: &["State of Israel"],
    },
    Country {
        iso3: "ITA",
        name: "Italy",
        aliases: &["Italian Republic"],
    },
    Country {
        iso3: "JAM",
        name: "Jamaica",
        aliases: &[],
    },
    Country {
        iso3: "JEY",
        name: "Jersey",
        aliases: &[],
    },
    Country {
        iso3: "JOR",
        name: "Jordan",
        aliases: &["Hashemite Kingdom of Jordan"],
    },
    Country {
        iso3: "JPN",
        name: "Japan",
        aliases: &[],
    },
    Country {
        iso3: "KAZ",
        name: "Kazakhstan",
        aliases: &["Republic of Kazakhstan"],
    },
    Country {
        iso3: "KEN",
        name: "Kenya",
        aliases: &["Republic of Kenya"],
    },
    Country {
        iso3: "KGZ",
        name: "Kyrgyzstan",
        aliases: &["Kyrgyz Republic"],
    },
    Country {
        iso3: "KHM",
        name: "Cambodia",
        aliases: &["Kingdom of Cambodia"],
    },
    Country {
        iso3: "KIR",
        name: "Kiribati",
        aliases: &["Republic of Kiribati"],
    },
    Country {
        iso3: "KNA",
        name: "Saint Kitts and Nevis",
        aliases: &["St. Kitts and Nevis"],
    },
    Country {
        iso3: "KOR",
        name: "South Korea",
        aliases: &[
            "Korea, Republic of",
            "Korea, South",
            "Korea, Rep.",
            "Republic of Korea",
            "Korea Republic",
        ],
    },
    Country {
        iso3: "KWT",
        name: "Kuwait",
        aliases: &["State of Kuwait"],
    },
    Country {
        iso3: "LAO",
        name: "Laos",
        aliases: &["Lao People's Democratic Republic", "Lao PDR"],
    },
    Country {
        iso3: "LBN",
        name: "Lebanon",
        aliases: &["Lebanese Republic"],
    },
    Country {
        iso3: "LBR",
        name: "Liberia",
        aliases: &["Republic of Liberia"],
    },
    Country {
        iso3: "LBY",
        name: "Libya",
        aliases: &[],
    },
    Country {
        iso3: "LCA",
        name: "Saint Lucia",
        aliases: &["St. Lucia"],
    },
    Country {
        iso3: "LIE",
        name: "Liechtenstein",
        aliases: &["Principality of Liechtenstein"],
    },
    Country {
        iso3: "LKA",
        name: "Sri Lanka",
        aliases: &["Democratic Socialist Republic of Sri Lanka"],
    },
    Country {
        iso3: "LSO",
        name: "Lesotho",
        aliases: &["Kingdom of Lesotho"],
    },
    Country {
        iso3: "LTU",
        name: "Lithuania",
        aliases: &["Republic of Lithuania"],
    },
    Country {
        iso3: "LUX",
        name: "Luxembourg",
        aliases: &["Grand Duchy of Luxembourg"],
    },
    Country {
        iso3: "LVA",
        name: "Latvia",
        aliases: &["Republic of Latvia"],
    },
    Country {
        iso3: "MAC",
        name: "Macao",
        aliases: &[
            "Macao Special Administrative Region of China",
            "Macao SAR, China",
            "Macau",
        ],
    },
    Country {
        iso3: "MAF",
        name: "Saint Martin (French part)",
        aliases: &["St. Martin (French part)"],
    },
    Country {
        iso3: "MAR",
        name: "Morocco",
        aliases: &["Kingdom of Morocco"],
    },
    Country {
        iso3: "MCO",
        name: "Monaco",
        aliases: &["Principality of Monaco"],
    },
    Country {
        iso3: "MDA",
        name: "Moldova",
        aliases: &["Moldova, Republic of", "Republic of Moldova"],
    },
    Country {
        iso3: "MDG",
        name: "Madagascar",
        aliases: &["Republic of Madagascar"],
    },
    Country {
        iso3: "MDV",
        name: "Maldives",
        aliases: &["Republic of Maldives"],
    },
    Country {
        iso3: "MEX",
        name: "Mexico",
        aliases: &["United Mexican States"],
    },
    Country {
        iso3: "MHL",
        name: "Marshall Islands",
        aliases: &["Republic of the Marshall Islands"],
    },
    Country {
        iso3: "MKD",
        name: "North Macedonia",
        aliases: &[
            "Republic of North Macedonia",
            "Macedonia, North",
            "Macedonia",
            "FYROM",
            "Former Yugoslav Republic of Macedonia",
            "The former Yugoslav Republic of Macedonia",
        ],
    },
    Country {
        iso3: "MLI",
        name: "Mali",
        aliases: &["Republic of Mali"],
    },
    Country {
        iso3: "MLT",
        name: "Malta",
        aliases: &["Republic of Malta"],
    },
    Country {
        iso3: "MMR",
        name: "Myanmar",
        aliases: &["Republic of Myanmar", "Burma"],
    },
    Country {
        iso3: "MNE",
        name: "Montenegro",
        aliases: &[],
    },
    Country {
        iso3: "MNG",
        name: "Mongolia",
        aliases: &[],
    },
    Country {
        iso3: "MNP",
        name: "Northern Mariana Islands",
        aliases: &["Commonwealth of the Northern Mariana Islands"],
    },
    Country {
        iso3: "MOZ",
        name: "Mozambique",
        aliases: &["Republic of Mozambique"],
    },
    Country {
        iso3: "MRT",
        name: "Mauritania",
        aliases: &["Islamic Republic of Mauritania"],
    },
    Country {
        iso3: "MSR",
        name: "Montserrat",
        aliases: &[],
    },
    Country {
        iso3: "MTQ",
        name: "Martinique",
        aliases: &[],
    },
    Country {
        iso3: "MUS",
        name: "Mauritius",
        aliases: &["Republic of Mauritius"],
    },
    Country {
        iso3: "MWI",
        name: "Malawi",
        aliases: &["Republic of Malawi"],
    },
    Country {
        iso3: "MYS",
        name: "Malaysia",
        aliases: &[],
    },
    Country {
        iso3: "MYT",
        name: "Mayotte",
        aliases: &[],
    },
    Country {
        iso3: "NAM",
        name: "Namibia",
        aliases: &["Republic of Namibia"],
    },
    Country {
        iso3: "NCL",
        name: "New Caledonia",
        aliases: &[],
    },
    Country {
        iso3: "NER",
        name: "Niger",
        aliases: &["Republic of the Niger"],
    },
    Country {
        iso3: "NFK",
        name: "Norfolk Island",
        aliases: &[],
    },
    Country {
        iso3: "NGA",
        name: "Nigeria",
        aliases: &["Federal Republic of Nigeria"],
    },
    Country {
        iso3: "NIC",
        name: "Nicaragua",
        aliases: &["Republic of Nicaragua"],
    },
    Country {
        iso3: "NIU",
        name: "Niue",
        aliases: &[],
    },
    Country {
        iso3: "NLD",
        name: "Netherlands",
        aliases: &[
            "Kingdom of the Netherlands",
            "The Netherlands",
            "Holland",
            "Netherlands (Kingdom of the)",
        ],
    },
    Country {
        iso3: "NOR",
        name: "Norway",
        aliases: &["Kingdom of Norway"],
    },
    Country {
        iso3: "NPL",
        name: "Nepal",
        aliases: &["Federal Democratic Republic of Nepal"],
    },
    Country {
        iso3: "NRU",
        name: "Nauru",
        aliases: &["Republic of Nauru"],
    },
    Country {
        iso3: "NZL",
        name: "New Zealand",
        aliases: &[],
    },
    Country {
        iso3: "OMN",
        name: "Oman",
        aliases: &["Sultanate of Oman"],
    },
    Country {
        iso3: "PAK",
        name: "Pakistan",
        aliases: &["Islamic Republic of Pakistan"],
    },
    Country {
        iso3: "PAN",
        name: "Panama",
        aliases: &["Republic of Panama"],
    },
    Country {
        iso3: "PCN",
        name: "Pitcairn",
        aliases: &[],
    },
    Country {
        iso3: "PER",
        name: "Peru",
        aliases: &["Republic of Peru"],
    },
    Country {
        iso3: "PHL",
        name: "Philippines",
        aliases: &["Republic of the Philippines", "The Philippines"],
    },
    Country {
        iso3: "PLW",
        name: "Palau",
        aliases: &["Republic of Palau"],
    },
    Country {
        iso3: "PNG",
        name: "Papua New Guinea",
        aliases: &["Independent State of Papua New Guinea"],
    },
    Country {
        iso3: "POL",
        name: "Poland",
        aliases: &["Republic of Poland"],
    },
    Country {
        iso3: "PRI",
        name: "Puerto Rico",
        aliases: &[],
    },
    Country {
        iso3: "PRK",
        name: "North Korea",
        aliases: &[
            "Korea, Democratic People's Republic of",
            "Democratic People's Republic of Korea",
            "Korea, North",
            "Korea, Dem. People's Rep.",
            "Korea DPR",
        ],
    },
    Country {
        iso3: "PRT",
        name: "Portugal",
        aliases: &["Portuguese Republic"],
    },
    Country {
        iso3: "PRY",
        name: "Paraguay",
        aliases: &["Republic of Paraguay"],
    },
    Country {
        iso3: "PSE",
        name: "Palestine",
        aliases: &[
            "Palestine, State of",
            "the State of Palestine",
            "West Bank and Gaza",
        ],
    },
    Country {
        iso3: "PYF",
        name: "French Polynesia",
        aliases: &[],
    },
    Country {
        iso3: "QAT",
        name: "Qatar",
        aliases: &["State of Qatar"],
    },
    Country {
        iso3: "REU",
        name: "Réunion",
        aliases: &[],
    },
    Country {
        iso3: "ROU",
        name: "Romania",
        aliases: &[],
    },
    Country {
        iso3: "RUS",
        name: "Russia",
        aliases: &["Russian Federation"],
    },
    Country {
        iso3: "RWA",
        name: "Rwanda",
        aliases: &["Rwandese Republic"],
    },
    Country {
        iso3: "SAU",
        name: "Saudi Arabia",
        aliases: &["Kingdom of Saudi Arabia", "KSA"],
    },
    Country {
        iso3: "SDN",
        name: "Sudan",
        aliases: &["Republic of the Sudan"],
    },
    Country {
        iso3: "SEN",
        name: "Senegal",
        aliases: &["Republic of Senegal"],
    },
    Country {
        iso3: "SGP",
        name: "Singapore",
        aliases: &["Republic of Singapore"],
    },
    Country {
        iso3: "SGS",
        name: "South Georgia and the South Sandwich Islands",
        aliases: &[],
    },
    Country {
        iso3: "SHN",
        name: "Saint Helena",
        aliases: &["Saint Helena, Ascension and Tristan da Cunha"],
    },
    Country {
        iso3: "SJM",
        name: "Svalbard and Jan Mayen",
        aliases: &[],
    },
    Country {
        iso3: "SLB",
        name: "Solomon Islands",
        aliases: &[],
    },
    Country {
        iso3: "SLE",
        name: "Sierra Leone",
        aliases: &["Republic of Sierra Leone"],
    },
    Country {
        iso3: "SLV",
        name: "El Salvador",
        aliases: &["Republic of El Salvador"],
    },
    Country {
        iso3: "SMR",
        name: "San Marino",
        aliases: &["Republic of San Marino"],
    },
    Country {
        iso3: "SOM",
        name: "Somalia",
        aliases: &["Federal Republic of Somalia"],
    },
    Country {
        iso3: "SPM",
        name: "Saint Pierre and Miquelon",
        aliases: &[],
    },
    Country {
        iso3: "SRB",
        name: "Serbia",
        aliases: &["Republic of Serbia"],
    },
    Country {
        iso3: "SSD",
        name: "South Sudan",
        aliases: &["Republic of South Sudan"],
    },
    Country {
        iso3: "STP",
        name: "Sao Tome and Principe",
        aliases: &[
            "Democratic Republic of Sao Tome and Principe",
            "São Tomé and Príncipe",
        ],
    },
    Country {
        iso3: "SUR",
        name: "Suriname",
        aliases: &["Republic of Suriname"],
    },
    Country {
        iso3: "SVK",
        name: "Slovakia",
        aliases: &["Slovak Republic", "Slovak Rep."],
    },
    Country {
        iso3: "SVN",
        name: "Slovenia",
        aliases: &["Republic of Slovenia", "Slovenija"],
    },
    Country {
        iso3: "SWE",
        name: "Sweden",
        aliases: &["Kingdom of Sweden"],
    },
    Country {
        iso3: "SWZ",
        name: "Eswatini",
        aliases: &["Kingdom of Eswatini", "Swaziland"],
    },
    Country {
        iso3: "SXM",
        name: "Sint Maarten (Dutch part)",
        aliases: &[],
    },
    Country {
        iso3: "SYC",
        name: "Seychelles",
        aliases: &["Republic of Seychelles"],
    },
    Country {
        iso3: "SYR",
        name: "Syria",
        aliases: &["Syrian Arab Republic"],
    },
    Country {
        iso3: "TCA",
        name: "Turks and Caicos Islands",
        aliases: &[],
    },
    Country {
        iso3: "TCD",
        name: "Chad",
        aliases: &["Republic of Chad"],
    },
    Country {
        iso3: "TGO",
        name: "Togo",
        aliases: &["Togolese Republic"],
    },
    Country {
        iso3: "THA",
        name: "Thailand",
        aliases: &["Kingdom of Thailand"],
    },
    Country {
        iso3: "TJK",
        name: "Tajikistan",
        aliases: &["Republic of Tajikistan"],
    },
    Country {
        iso3: "TKL",
        name: "Tokelau",
        aliases: &[],
    },
    Country {
        iso3: "TKM",
        name: "Turkmenistan",
        aliases: &[],
    },
    Country {
        iso3: "TLS",
        name: "Timor-Leste",
        aliases: &[
            "Democratic Republic of Timor-Leste",
            "East Timor",
            "Timor Leste",
        ],
    },
    Country {
        iso3: "TON",
        name: "Tonga",
        aliases: &["Kingdom of Tonga"],
    },
    Country {
        iso3: "TTO",
        name: "Trinidad and Tobago",
        aliases: &["Republic of Trinidad and Tobago", "Trinidad & Tobago"],
    },
    Country {
        iso3: "TUN",
        name: "Tunisia",
        aliases: &["Republic of Tunisia"],
    },
    Country {
        iso3: "TUR",
        name: "Türkiye",
        aliases: &["Republic of Türkiye", "Turkey", "Turkiye"],
    },
    Country {
        iso3: "TUV",
        name: "Tuvalu",
        aliases: &[],
    },
    Country {
        iso3: "TWN",
        name: "Taiwan",
        aliases: &["Taiwan, Province of China", "Chinese Taipei"],
    },
    Country {
        iso3: "TZA",
        name: "Tanzania",
        aliases: &[
            "Tanzania, United Republic of",
            "United Republic of Tanzania",
        ],
    },
    Country {
        iso3: "UGA",
        name: "Uganda",
        aliases: &["Republic of Uganda"],
    },
    Country {
        iso3: "UKR",
        name: "Ukraine",
        aliases: &[],
    },
    Country {
        iso3: "UMI",
        name: "United States Minor Outlying Islands",
        aliases: &[],
    },
    Country {
        iso3: "URY",
        name: "Uruguay",
        aliases: &["Eastern Republic of Uruguay"],
    },
    Country {
        iso3: "USA",
        name: "United States",
        aliases: &[
            "United States of America",
            "U.S.",
            "U.S.A.",
            "USA",
            "US",
            "America",
            "the United States",
        ],
    },
    Country {
        iso3: "UZB",
        name: "Uzbekistan",
        aliases: &["Republic of Uzbekistan"],
    },
    Country {
        iso3: "VAT",
        name: "Vatican City",
        aliases: &["Holy See (Vatican City State)", "Holy See", "Vatican"],
    },
    Country {
        iso3: "VCT",
        name: "Saint Vincent and the Grenadines",
        aliases: &["St. Vincent and the Grenadines"],
    },
    Country {
        iso3: "VEN",
        name: "Venezuela",
        aliases: &[
            "Venezuela, Bolivarian Republic of",
            "Bolivarian Republic of Venezuela",
            "Venezuela, RB",
        ],
    },
    Country {
        iso3: "VGB",
        name: "British Virgin Islands",
        aliases: &["Virgin Islands, British"],
    },
    Country {
        iso3: "VIR",
        name: "US Virgin Islands",
        aliases: &[
            "Virgin Islands, U.S.",
            "Virgin Islands of the United States",
            "Virgin Islands (U.S.)",
        ],
    },
    Country {
        iso3: "VNM",
        name: "Vietnam",
        aliases: &["Viet Nam", "Socialist Republic of Viet Nam"],
    },
    Country {
        iso3: "VUT",
        name: "Vanuatu",
        aliases: &["Republic of Vanuatu"],
    },
    Country {
        iso3: "WLF",
        name: "Wallis and Futuna",
        aliases: &[],
    },
    Country {
        iso3: "WSM",
        name: "Samoa",
        aliases: &["Independent State of Samoa"],
    },
    Country {
        iso3: "XKX",
        name: "Kosovo",
        aliases: &[],
    },
    Country {
        iso3: "YEM",
        name: "Yemen",
        aliases: &["Republic of Yemen", "Yemen, Rep."],
    },
    Country {
        iso3: "ZAF",
        name: "South Africa",
        aliases: &["Republic of South Africa"],
    },
    Country {
        iso3: "ZMB",
        name: "Zambia",
        aliases: &["Republic of Zambia"],
    },
    Country {
        iso3: "ZWE",
        name: "Zimbabwe",
        aliases: &["Republic of Zimbabwe"],
    },
];
