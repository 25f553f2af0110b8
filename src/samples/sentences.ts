/**
 * Sentences written for bucketwise (not taken from any corpus), in the style of short news items with
 * people, places, organisations and other names, so the NER model has something to find. The events are
 * invented; companies in anything unflattering are fictional. Their lengths
 * are deliberately uneven: headlines, ordinary sentences and a few long ones, as real text is.
 */
export const SAMPLE_SENTENCES: readonly string[] = [
  'Rain delays harvest in Ghana.',
  'Markets close higher.',
  'Oslo wins bid for 2031 congress.',
  'Ferry service resumes after storm.',
  'Kestrel Motors recalls 12,000 vans.',
  'Mary is flying from Nairobi to New York.',
  'Carlos Mendes joined Siemens in Munich last spring.',
  'The World Health Organization opened an office in Dakar.',
  'Ana Lucia Ferreira won the Lisbon marathon on Sunday.',
  'Shares of Nokia rose four percent in Helsinki trading.',
  'Kenji Watanabe will lead the Osaka branch of Mitsubishi.',
  'A new bridge links Malmo and Copenhagen by rail.',
  'Priya Raman spoke at the University of Toronto about water policy.',
  'The European Central Bank left interest rates unchanged in Frankfurt on Thursday.',
  'Police in Manchester arrested two men after a break-in at a jewellery shop on Deansgate.',
  'The Red Cross sent 40 tonnes of food to villages along the Zambezi.',
  'Amazon plans to hire 3,000 people at a new warehouse near Leeds.',
  'Farmers in Punjab expect a smaller wheat crop because of the late monsoon.',
  'Lionel Okafor scored twice as Lagos City beat Accra Rovers 3-1.',
  'The Louvre will lend two paintings by Vermeer to a museum in Tokyo.',
  "Ingrid Holm, a nurse from Bergen, has been named Norway's volunteer of the year.",
  'Microsoft and the city of Barcelona signed a deal on public Wi-Fi.',
  'The Danube reached its highest level in twenty years near Budapest.',
  'Talks between Ethiopia and Sudan over the dam resumed in Addis Ababa.',
  'Hannah Schulz, chief executive of Baltic Freight, resigned on Monday.',
  'The Sydney Opera House will close for repairs from March to June.',
  'A court in Warsaw fined the energy firm Vistula Power for misleading customers.',
  'Jonas Petrauskas, a violinist from Vilnius, won the Queen Elisabeth Competition in Brussels.',
  'Heavy snow closed the main road between Innsbruck and the Brenner Pass overnight.',
  'The Reserve Bank of India said inflation would ease by the end of the year.',
  'Fatima Al-Sayed became the first woman to chair the Cairo chamber of commerce.',
  'Volvo will build electric trucks at its plant in Ghent from next year.',
  'Doctors Without Borders reopened a clinic in Port-au-Prince after a week of unrest.',
  'The Chicago Bulls signed guard Marcus Bell to a two-year contract.',
  'Researchers at the Karolinska Institute in Stockholm found a link between sleep and memory in older adults.',
  'Air Canada cancelled 60 flights out of Montreal as an ice storm moved across Quebec.',
  'The mayor of Seoul, Park Ji-hoon, promised more buses for the eastern districts.',
  'Ukrainian grain left Odesa on three ships bound for Istanbul and Alexandria.',
  'Nestle said sales in Brazil grew faster than in any other market in the second quarter.',
  'The Andes Trail race from Cusco to Machu Picchu drew 900 runners from 30 countries.',
  'Elena Kowalczyk of the Polish Academy of Sciences received the Humboldt Prize in Berlin.',
  'Rescue teams from Italy and Greece searched the sea south of Crete for a missing fishing boat.',
  'A spokesman for the United Nations said aid convoys had reached Goma in eastern Congo.',
  'The Berlin Philharmonic will tour Japan, South Korea and Taiwan in the autumn.',
  'Samsung opened a research centre in Cambridge to work on battery chemistry.',
  'Thomas Brennan, a teacher in Cork, has written a history of the Irish railways.',
  'Volunteers planted 50,000 mangrove trees along the coast of Mozambique last month.',
  'The Bank of England kept its main rate at four percent and warned that energy prices remain high.',
  'Chilean miners at the Escondida copper mine in the Atacama desert ended a nine-day strike.',
  'Greenpeace activists climbed a crane at the port of Rotterdam to protest against oil imports.',
  'Wimbledon champion Sofia Marchetti withdrew from the Madrid Open with a wrist injury.',
  'The Istanbul stock exchange halted trading for an hour after a computer fault.',
  'Astronomers using the Very Large Telescope in Chile observed a comet breaking apart near the Sun.',
  'Li Wei, a farmer from Yunnan, has grown a pumpkin weighing more than 600 kilograms.',
  'The African Union will hold its next summit in Kigali, officials in Addis Ababa said.',
  'Engineers from Airbus and Rolls-Royce tested a hydrogen engine at an airfield in Toulouse.',
  'After three years of repairs, the cathedral in Reims reopened to visitors on Saturday with a concert by the city orchestra.',
  'The Mexican government said it would build a new railway linking Cancun with the ancient city of Palenque and the port of Veracruz.',
  'In a statement issued in Geneva, the International Committee of the Red Cross asked both sides to let doctors reach the wounded.',
  'Juan Pablo Ortega, who founded the Bogota software company Lumen in 2009, said he would step down to teach at the Universidad de los Andes.',
  'Canadian firefighters, helped by crews from Australia and the United States, contained a forest fire that had burned for two weeks north of Kelowna.',
  'The Dutch airline NordAir said it would cut the number of flights between Amsterdam and London from April because of a shortage of pilots and ground staff.',
  'Officials at the port of Mombasa said container traffic had doubled since the new terminal opened, easing the queues of ships waiting off the Kenyan coast.',
  'Aisha Bello, a chemist at the University of Ibadan, was honoured in Paris for work on cheap water filters that remove arsenic and lead.',
  'Storms brought down power lines across Brittany and Normandy, leaving about 200,000 homes without electricity on Tuesday night, the grid operator Enedis said.',
  'The film festival in Venice opened with a drama by the Iranian director Reza Karimi, who could not travel to Italy to present it himself.',
  'Bundesliga side Werder Bremen appointed the Austrian coach Markus Leitner after a poor start that left the club second from bottom.',
  'Scientists at CERN near Geneva said a new detector would let them measure the mass of the W boson more precisely than before.',
  'The government of New Zealand announced a plan to protect the kauri forests of Northland, where a disease has killed thousands of old trees.',
  'Unions at the car plant in Turin called off a strike after Stellantis agreed to keep production of two models in Italy until 2030.',
  "A painting by the Mexican artist Frida Kahlo sold for a record price at an auction in New York, the auction house Sotheby's said.",
  "During a visit to Jakarta, the Japanese prime minister promised loans for a subway line and a port on the island of Java, and praised Indonesia's growing trade with Tokyo.",
  'The Swiss watchmaker Arvelle bought a family-run jeweller in Geneva whose shop on the Rue du Rhone has sold watches since 1878, ending more than a century of independence.',
  'Climbers from Nepal and Pakistan reached the summit of K2 in winter, a feat long thought impossible, and returned safely to base camp after a night on the mountain in temperatures of minus 50 degrees.',
  'In Buenos Aires, thousands of teachers marched to the Casa Rosada to ask for higher pay, while in Cordoba and Rosario schools stayed closed for a second day as the unions of the provinces joined the national strike.',
  'Speaking at the World Economic Forum in Davos, the head of the International Monetary Fund, Helena Marquardt, said growth in Europe would stay weak this year, but that India, Indonesia and Vietnam were likely to grow by more than five percent each.',
  'The British Museum said it had agreed with the government of Ghana to lend back gold and silver objects taken from the Asante kingdom in the nineteenth century, and that they would be shown at the Manhyia Palace Museum in Kumasi for at least three years.',
  'Officials in Lima said the El Nino weather pattern had brought heavy rain to the north of Peru, where rivers burst their banks in Piura and Tumbes, and that the army had flown food and clean water to towns cut off from the Pan-American Highway.',
];

/**
 * Short paragraphs built from the sentences above, to give the sample the long tail that real documents
 * have (a few inputs far longer than the rest). Deterministic so the sample is the same on every load.
 */
export function samplePassages(sentences: readonly string[] = SAMPLE_SENTENCES): string[] {
  const passages: string[] = [];
  // Sizes 3..6 and a starting offset that walks through the list: every passage mixes different sentences.
  for (let i = 0; i < 10; i++) {
    const size = 3 + (i % 4);
    const start = (i * 7) % sentences.length;
    const parts: string[] = [];
    for (let j = 0; j < size; j++) parts.push(sentences[(start + j * 3) % sentences.length]);
    passages.push(parts.join(' '));
  }
  return passages;
}

/** The built-in sample set: every sentence, then the passages. */
export function sampleItems(): string[] {
  return [...SAMPLE_SENTENCES, ...samplePassages()];
}

/** The text the Entities panel starts with. */
export const DEFAULT_TEXT =
  'Mary is flying from Nairobi to New York. Carlos Mendes joined Siemens in Munich last spring. ' +
  'The World Health Organization opened an office in Dakar.';
