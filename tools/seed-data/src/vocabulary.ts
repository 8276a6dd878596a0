/**
 * Catalog vocabulary of an industrial / food-service distributor: categories, their house and national-style
 * brands (all invented), and product families whose attribute axes combine into concrete SKUs.
 */

/** Units of measure a distributor sells in. */
export type UnitOfMeasure = 'EA' | 'CS' | 'BX' | 'PK' | 'RL' | 'GAL' | 'LB';

/** Attribute name and the values it can take. */
export type Axis = readonly [name: string, values: readonly string[]];

/** A kind of product (e.g. "Hex Cap Screw"); each SKU is one combination of its axes. */
export interface ProductFamily {
  noun: string;
  uoms: readonly UnitOfMeasure[];
  /** Price range per unit of measure, in whole cents (money is never a float here). */
  cents: readonly [min: number, max: number];
  /** Opening sentence of the description. */
  blurb: string;
  /** The first two axes always appear and name the product; later ones are optional extra attributes. */
  axes: readonly Axis[];
}

/** A catalog category with its SKU code, brands and product families. */
export interface CategorySpec {
  code: string;
  name: string;
  /** Relative share of the catalog. */
  weight: number;
  brands: readonly string[];
  families: readonly ProductFamily[];
}

const PACK = (...values: string[]): Axis => ['Pack Quantity', values];
const STEEL = ['Zinc-Plated Steel', '18-8 Stainless Steel', 'Grade 8 Alloy Steel', 'Hot-Dip Galvanized Steel'];
const GLOVE_SIZES = ['S', 'M', 'L', 'XL', '2XL'];

/** The distributor's catalog, by category. */
export const CATEGORIES: readonly CategorySpec[] = [
  {
    code: 'FAS',
    name: 'Fasteners',
    weight: 16,
    brands: ['Ironclad Fastening', 'Boltline', 'Tru-Thread', 'Keystone Hardware'],
    families: [
      {
        noun: 'Hex Cap Screw',
        uoms: ['BX'],
        cents: [899, 6499],
        blurb: 'Fully threaded hex cap screw for machinery and structural assembly.',
        axes: [
          [
            'Thread Size',
            [
              '1/4"-20 x 1"',
              '5/16"-18 x 1-1/4"',
              '3/8"-16 x 1-1/2"',
              '1/2"-13 x 2"',
              'M8-1.25 x 30 mm',
              'M10-1.5 x 40 mm',
            ],
          ],
          ['Material', STEEL],
          PACK('25', '50', '100'),
          ['Drive', ['External Hex']],
        ],
      },
      {
        noun: 'Flat Washer',
        uoms: ['BX'],
        cents: [499, 2999],
        blurb: 'SAE flat washer that spreads the load under bolt heads and nuts.',
        axes: [
          ['Size', ['#10', '1/4"', '5/16"', '3/8"', '1/2"', 'M8', 'M10']],
          ['Material', STEEL],
          PACK('100', '250', '500'),
        ],
      },
      {
        noun: 'Nylon-Insert Lock Nut',
        uoms: ['BX'],
        cents: [699, 3999],
        blurb: 'Prevailing-torque lock nut that resists loosening under vibration.',
        axes: [
          ['Thread Size', ['#10-24', '1/4"-20', '5/16"-18', '3/8"-16', 'M6-1.0', 'M8-1.25']],
          ['Material', STEEL],
          PACK('50', '100', '250'),
        ],
      },
      {
        noun: 'Self-Drilling Screw',
        uoms: ['BX', 'LB'],
        cents: [599, 4499],
        blurb: 'Drill-point screw that fastens sheet metal without a pilot hole.',
        axes: [
          ['Size', ['#8 x 1/2"', '#10 x 3/4"', '#12 x 1"', '#14 x 1-1/2"']],
          ['Head Style', ['Hex Washer', 'Pan Phillips', 'Modified Truss']],
          ['Finish', ['Zinc', 'Black Oxide', 'Ceramic Coated']],
          PACK('100', '500', '1000'),
        ],
      },
      {
        noun: 'Concrete Wedge Anchor',
        uoms: ['BX'],
        cents: [1899, 8999],
        blurb: 'Expansion anchor for fixing fixtures and racking to solid concrete.',
        axes: [
          ['Size', ['1/4" x 2-1/4"', '3/8" x 3"', '1/2" x 4-1/4"', '5/8" x 6"']],
          ['Material', ['Zinc-Plated Steel', '304 Stainless Steel', 'Hot-Dip Galvanized Steel']],
          PACK('25', '50'),
        ],
      },
    ],
  },
  {
    code: 'JAN',
    name: 'Janitorial',
    weight: 14,
    brands: ['ProClean', 'Sanitex', 'BrightHaven', 'Crystal Shield'],
    families: [
      {
        noun: 'Can Liner',
        uoms: ['CS'],
        cents: [2499, 7999],
        blurb: 'Trash can liner for commercial receptacles, rolled for easy dispensing.',
        axes: [
          ['Capacity', ['7-10 gal', '12-16 gal', '33 gal', '45 gal', '55-60 gal']],
          ['Thickness', ['0.7 mil', '1.2 mil', '1.5 mil', '16 micron', '22 micron']],
          ['Color', ['Black', 'Clear', 'Gray']],
          ['Count', ['100/case', '250/case', '500/case']],
        ],
      },
      {
        noun: 'All-Purpose Cleaner Concentrate',
        uoms: ['GAL', 'CS'],
        cents: [1299, 5499],
        blurb: 'Neutral-pH concentrate for daily cleaning of washable surfaces.',
        axes: [
          ['Dilution', ['1:64', '1:128', '1:256']],
          ['Scent', ['Citrus', 'Fresh', 'Fragrance-Free', 'Lavender']],
          ['Container', ['1 gal Jug', '4 x 1 gal Case', '2.5 gal Jug']],
        ],
      },
      {
        noun: 'Microfiber Cleaning Cloth',
        uoms: ['PK'],
        cents: [899, 3499],
        blurb: 'Lint-free microfiber cloth, color-coded to prevent cross-contamination.',
        axes: [
          ['Size', ['12" x 12"', '16" x 16"', '16" x 24"']],
          ['Color', ['Blue', 'Green', 'Red', 'Yellow']],
          PACK('12', '24', '48'),
        ],
      },
      {
        noun: 'Wet Mop Head',
        uoms: ['EA', 'CS'],
        cents: [599, 2999],
        blurb: 'Looped-end wet mop head that resists fraying through repeated laundering.',
        axes: [
          ['Weight', ['16 oz', '20 oz', '24 oz', '32 oz']],
          ['Material', ['Cotton', 'Rayon', 'Cotton/Synthetic Blend']],
          ['Band Color', ['Blue', 'Green', 'Orange', 'White']],
        ],
      },
      {
        noun: 'Hardwound Paper Towel',
        uoms: ['CS'],
        cents: [3299, 7499],
        blurb: 'Hardwound roll towel for universal commercial dispensers.',
        axes: [
          ['Roll Length', ['350 ft', '600 ft', '800 ft', '1000 ft']],
          ['Color', ['White', 'Natural Kraft']],
          ['Rolls per Case', ['6', '12']],
        ],
      },
      {
        noun: 'Ice Melt',
        uoms: ['LB'],
        cents: [49, 129],
        blurb: 'Fast-acting ice melt for walkways and loading docks, sold by the pound.',
        axes: [
          ['Chemistry', ['Calcium Chloride', 'Sodium Chloride', 'Magnesium Chloride Blend']],
          ['Effective To', ['-25°F', '-10°F', '5°F']],
          ['Form', ['Pellets', 'Crystals']],
        ],
      },
    ],
  },
  {
    code: 'PKG',
    name: 'Packaging',
    weight: 14,
    brands: ['ShipRight', 'PackMaster', 'Coreline Packaging', 'TuffWrap'],
    families: [
      {
        noun: 'Corrugated Shipping Box',
        uoms: ['BX', 'PK'],
        cents: [1499, 8999],
        blurb: 'Single-wall corrugated carton, shipped flat in bundles.',
        axes: [
          ['Dimensions', ['8" x 6" x 4"', '10" x 8" x 6"', '12" x 12" x 12"', '18" x 12" x 10"', '24" x 18" x 18"']],
          ['Strength', ['32 ECT', '44 ECT', '200# Test']],
          PACK('10', '20', '25'),
          ['Color', ['Kraft', 'White']],
        ],
      },
      {
        noun: 'Carton Sealing Tape',
        uoms: ['CS', 'RL'],
        cents: [299, 9999],
        blurb: 'Hot-melt acrylic carton sealing tape for hand and machine dispensers.',
        axes: [
          ['Width', ['2"', '3"']],
          ['Length', ['55 yd', '110 yd', '1000 yd']],
          ['Thickness', ['1.9 mil', '2.6 mil', '3.0 mil']],
          ['Color', ['Clear', 'Tan']],
        ],
      },
      {
        noun: 'Stretch Wrap Film',
        uoms: ['RL', 'CS'],
        cents: [1999, 11999],
        blurb: 'Cast stretch film for unitizing pallet loads.',
        axes: [
          ['Width', ['12"', '18"', '20"']],
          ['Gauge', ['60 ga', '80 ga', '90 ga']],
          ['Length', ['1000 ft', '1500 ft']],
        ],
      },
      {
        noun: 'Poly Mailer',
        uoms: ['PK', 'CS'],
        cents: [1299, 6999],
        blurb: 'Self-sealing, tear-resistant poly mailer for soft goods.',
        axes: [
          ['Size', ['6" x 9"', '10" x 13"', '14.5" x 19"', '19" x 24"']],
          ['Color', ['White', 'Gray', 'Black']],
          PACK('100', '250', '500'),
        ],
      },
      {
        noun: 'Bubble Cushioning Roll',
        uoms: ['RL'],
        cents: [1899, 7999],
        blurb: 'Perforated bubble cushioning for void fill and surface protection.',
        axes: [
          ['Bubble Size', ['3/16"', '5/16"', '1/2"']],
          ['Roll Size', ['12" x 175 ft', '24" x 250 ft', '48" x 125 ft']],
          ['Perforation', ['Every 12"', 'Every 24"']],
        ],
      },
    ],
  },
  {
    code: 'SAF',
    name: 'Safety',
    weight: 12,
    brands: ['GuardWell', 'SafeHands', 'Vigilant PPE', 'HiVis Pro'],
    families: [
      {
        noun: 'Nitrile Exam Gloves',
        uoms: ['BX', 'CS'],
        cents: [899, 12999],
        blurb: 'Powder-free, latex-free disposable nitrile gloves.',
        axes: [
          ['Size', GLOVE_SIZES],
          ['Thickness', ['3 mil', '4 mil', '5 mil', '8 mil']],
          ['Color', ['Blue', 'Black', 'Indigo']],
          ['Count', ['100/box', '200/box']],
        ],
      },
      {
        noun: 'Safety Glasses',
        uoms: ['EA', 'PK'],
        cents: [349, 4999],
        blurb: 'Wraparound protective eyewear meeting ANSI Z87.1+ impact requirements.',
        axes: [
          ['Lens', ['Clear Anti-Fog', 'Gray', 'Amber', 'Indoor/Outdoor Mirror']],
          ['Frame', ['Black', 'Blue', 'Clear']],
          ['Standard', ['ANSI Z87.1+']],
        ],
      },
      {
        noun: 'Hi-Visibility Safety Vest',
        uoms: ['EA'],
        cents: [599, 3499],
        blurb: 'Breathable mesh vest with reflective striping for work zones.',
        axes: [
          ['Size', ['M', 'L', 'XL', '2XL', '3XL']],
          ['Class', ['ANSI Class 2', 'ANSI Class 3']],
          ['Color', ['Fluorescent Yellow', 'Fluorescent Orange']],
        ],
      },
      {
        noun: 'Disposable Foam Earplugs',
        uoms: ['BX'],
        cents: [1499, 5999],
        blurb: 'Soft polyurethane foam earplugs for high-noise areas.',
        axes: [
          ['Noise Reduction', ['NRR 29 dB', 'NRR 32 dB', 'NRR 33 dB']],
          ['Style', ['Uncorded', 'Corded']],
          ['Count', ['100 pairs', '200 pairs']],
        ],
      },
      {
        noun: 'Cut-Resistant Work Gloves',
        uoms: ['PK'],
        cents: [1999, 8999],
        blurb: 'Coated knit gloves for sheet-metal handling and blade work.',
        axes: [
          ['Cut Level', ['ANSI A2', 'ANSI A4', 'ANSI A6']],
          ['Size', GLOVE_SIZES],
          ['Coating', ['Polyurethane Palm', 'Nitrile Foam', 'Sandy Nitrile']],
          PACK('6 pairs', '12 pairs'),
        ],
      },
    ],
  },
  {
    code: 'ELE',
    name: 'Electrical',
    weight: 12,
    brands: ['VoltEdge', 'Lumina Pro', 'WireCraft', 'Northstar Electric'],
    families: [
      {
        noun: 'LED A19 Lamp',
        uoms: ['PK', 'CS'],
        cents: [899, 5999],
        blurb: 'Dimmable LED replacement lamp with a medium E26 base.',
        axes: [
          ['Incandescent Equivalent', ['40W', '60W', '75W', '100W']],
          ['Color Temperature', ['2700K', '3000K', '4000K', '5000K']],
          PACK('4', '6', '12'),
          ['Rated Life', ['15,000 hr', '25,000 hr']],
        ],
      },
      {
        noun: 'THHN Building Wire',
        uoms: ['RL'],
        cents: [4999, 39999],
        blurb: 'THHN/THWN-2 copper conductor for conduit and raceway runs.',
        axes: [
          ['Gauge', ['14 AWG', '12 AWG', '10 AWG', '8 AWG']],
          ['Length', ['500 ft', '1000 ft', '2500 ft']],
          ['Color', ['Black', 'White', 'Red', 'Green', 'Blue']],
          ['Conductor', ['Solid Copper', 'Stranded Copper']],
        ],
      },
      {
        noun: 'Twist-On Wire Connector',
        uoms: ['BX'],
        cents: [599, 3499],
        blurb: 'Spring-loaded twist-on connector for splicing copper conductors.',
        axes: [
          ['Wire Range', ['22-16 AWG', '18-12 AWG', '14-10 AWG']],
          ['Color', ['Gray', 'Blue', 'Orange', 'Yellow', 'Red']],
          PACK('100', '500'),
        ],
      },
      {
        noun: 'Duplex Receptacle',
        uoms: ['EA', 'BX'],
        cents: [199, 4999],
        blurb: 'Back-and-side-wired duplex receptacle for commercial installations.',
        axes: [
          ['Rating', ['15A 125V', '20A 125V']],
          ['Grade', ['Commercial', 'Hospital Grade', 'Tamper-Resistant']],
          ['Color', ['White', 'Ivory', 'Gray', 'Light Almond']],
        ],
      },
      {
        noun: 'Vinyl Electrical Tape',
        uoms: ['RL', 'PK'],
        cents: [199, 2499],
        blurb: 'Flame-retardant PVC tape for insulating splices up to 600V.',
        axes: [
          ['Width', ['3/4"', '1-1/2"']],
          ['Length', ['60 ft', '66 ft']],
          ['Color', ['Black', 'White', 'Red', 'Green', 'Blue', 'Yellow']],
          ['Thickness', ['7 mil', '8.5 mil']],
        ],
      },
    ],
  },
  {
    code: 'PLB',
    name: 'Plumbing',
    weight: 10,
    brands: ['FlowRite', 'AquaSeal', 'Pipeworks', 'Summit Plumbing'],
    families: [
      {
        noun: 'Ball Valve',
        uoms: ['EA'],
        cents: [799, 8999],
        blurb: 'Full-port quarter-turn ball valve for water service lines.',
        axes: [
          ['Size', ['1/2"', '3/4"', '1"', '1-1/2"', '2"']],
          ['Connection', ['Socket', 'FNPT Threaded', 'Sweat']],
          ['Material', ['PVC Schedule 80', 'CPVC', 'Lead-Free Brass']],
        ],
      },
      {
        noun: '90° Copper Elbow',
        uoms: ['BX'],
        cents: [1299, 6999],
        blurb: 'Wrought copper pressure fitting for soldered water lines.',
        axes: [['Size', ['1/2"', '3/4"', '1"']], ['Ends', ['C x C', 'FTG x C']], PACK('10', '25', '50')],
      },
      {
        noun: 'PTFE Thread Seal Tape',
        uoms: ['RL', 'PK'],
        cents: [129, 1999],
        blurb: 'Non-sticky PTFE tape for sealing pipe threads.',
        axes: [
          ['Width', ['1/2"', '3/4"', '1"']],
          ['Length', ['260"', '520"', '1296"']],
          ['Density', ['Standard', 'High Density']],
        ],
      },
      {
        noun: 'Braided Supply Line',
        uoms: ['EA'],
        cents: [499, 2499],
        blurb: 'Flexible supply connector for faucets and toilets.',
        axes: [
          ['Length', ['12"', '16"', '20"', '30"']],
          ['Connection', ['3/8" Comp x 1/2" FIP', '3/8" Comp x 7/8" Ballcock', '3/8" Comp x 3/8" Comp']],
          ['Material', ['Braided Stainless Steel', 'Braided Polymer']],
        ],
      },
      {
        noun: 'Enzymatic Drain Maintainer',
        uoms: ['GAL', 'CS'],
        cents: [1899, 8999],
        blurb: 'Bacterial drain treatment that digests grease and organic build-up.',
        axes: [
          ['Container', ['1 gal', '4 x 1 gal']],
          ['Scent', ['Mint', 'Unscented']],
          ['Application', ['Floor Drains', 'Grease Traps', 'Urinals']],
        ],
      },
    ],
  },
  {
    code: 'FSD',
    name: 'Food-Service Disposables',
    weight: 14,
    brands: ['EcoServe', 'TableReady', 'GreenLeaf Foodware', 'ChefLine'],
    families: [
      {
        noun: 'Hinged Takeout Container',
        uoms: ['CS'],
        cents: [3499, 11999],
        blurb: 'Hinged clamshell for hot and cold takeout, grease- and cut-resistant.',
        axes: [
          ['Size', ['6" x 6" x 3"', '8" x 8" x 3"', '9" x 9" x 3"', '9" x 6" x 3"']],
          ['Material', ['Molded Fiber', 'Bagasse', 'Polystyrene Foam', 'Clear PET']],
          ['Compartments', ['1', '3']],
          ['Count', ['200/case', '250/case', '500/case']],
        ],
      },
      {
        noun: 'Hot Cup',
        uoms: ['CS'],
        cents: [3999, 12999],
        blurb: 'Paper hot cup that fits standard dome and sip lids.',
        axes: [
          ['Size', ['8 oz', '12 oz', '16 oz', '20 oz']],
          ['Wall', ['Single Wall', 'Double Wall', 'Ripple Wall']],
          ['Lining', ['PE Lined', 'PLA Lined']],
          ['Count', ['500/case', '1000/case']],
        ],
      },
      {
        noun: 'Wrapped Cutlery Kit',
        uoms: ['CS'],
        cents: [2999, 8999],
        blurb: 'Individually wrapped cutlery kit for takeout and delivery orders.',
        axes: [
          ['Contents', ['Fork, Knife, Napkin', 'Fork, Knife, Spoon, Napkin', 'Fork, Knife, Napkin, Salt & Pepper']],
          ['Material', ['Polypropylene', 'CPLA', 'Birch Wood']],
          ['Color', ['Black', 'White', 'Natural']],
          ['Count', ['250/case', '500/case']],
        ],
      },
      {
        noun: 'Deli Container with Lid',
        uoms: ['CS'],
        cents: [2999, 7999],
        blurb: 'Leak-resistant round deli container with a snap-fit lid.',
        axes: [
          ['Capacity', ['8 oz', '16 oz', '24 oz', '32 oz']],
          ['Material', ['Polypropylene', 'Recycled PET']],
          ['Count', ['240/case', '480/case']],
        ],
      },
      {
        noun: 'Dinner Napkin',
        uoms: ['CS'],
        cents: [2999, 9999],
        blurb: 'Soft, absorbent dinner napkin for table service.',
        axes: [
          ['Ply', ['1-Ply', '2-Ply', '3-Ply']],
          ['Fold', ['1/4 Fold', '1/8 Fold']],
          ['Color', ['White', 'Kraft', 'Black']],
          ['Count', ['1000/case', '3000/case']],
        ],
      },
      {
        noun: 'Aluminum Foil Roll',
        uoms: ['RL'],
        cents: [1899, 8999],
        blurb: 'Food-grade aluminum foil in a cutter box for kitchen prep.',
        axes: [
          ['Width', ['12"', '18"', '24"']],
          ['Length', ['500 ft', '1000 ft']],
          ['Gauge', ['Standard', 'Heavy Duty', 'Extra Heavy Duty']],
        ],
      },
    ],
  },
  {
    code: 'TLS',
    name: 'Tools',
    weight: 8,
    brands: ['TorqueMaster', 'Forgeline', 'ProGrip Tools', 'Ridgeback'],
    families: [
      {
        noun: 'Combination Wrench',
        uoms: ['EA'],
        cents: [599, 3999],
        blurb: 'Forged chrome-vanadium wrench with a 12-point box end.',
        axes: [
          ['Size', ['3/8"', '1/2"', '9/16"', '3/4"', '10 mm', '13 mm', '17 mm']],
          ['Finish', ['Full Polish Chrome', 'Satin Chrome', 'Black Oxide']],
          ['Standard', ['SAE', 'Metric']],
        ],
      },
      {
        noun: 'Cordless Drill/Driver',
        uoms: ['EA'],
        cents: [7999, 24999],
        blurb: 'Brushless compact drill/driver with a keyless chuck and LED work light.',
        axes: [
          ['Voltage', ['12V', '18V', '20V Max']],
          ['Kit', ['Tool Only', '1 Battery + Charger', '2 Batteries + Charger + Bag']],
          ['Chuck', ['3/8"', '1/2"']],
        ],
      },
      {
        noun: 'Retractable Utility Knife',
        uoms: ['EA', 'PK'],
        cents: [499, 2999],
        blurb: 'Utility knife with tool-free blade change and blade storage.',
        axes: [
          ['Body', ['Die-Cast Aluminum', 'Glass-Filled Nylon']],
          ['Blade', ['Standard Trapezoid', 'Safety Auto-Retract']],
          PACK('1', '3', '10'),
        ],
      },
      {
        noun: 'Tape Measure',
        uoms: ['EA'],
        cents: [899, 3999],
        blurb: 'Rubber-armored tape measure with a nylon-coated blade.',
        axes: [
          ['Length', ['16 ft', '25 ft', '30 ft', '35 ft']],
          ['Blade Width', ['3/4"', '1"', '1-1/4"']],
          ['Scale', ['Inch', 'Inch/Metric']],
        ],
      },
      {
        noun: 'Screwdriver Set',
        uoms: ['EA'],
        cents: [1499, 7999],
        blurb: 'Cushion-grip screwdriver set with magnetic tips.',
        axes: [
          ['Pieces', ['6-Piece', '10-Piece', '14-Piece']],
          ['Tips', ['Phillips/Slotted', 'Phillips/Slotted/Torx', 'Insulated 1000V']],
          ['Case', ['Blister Card', 'Roll Pouch']],
        ],
      },
    ],
  },
];
