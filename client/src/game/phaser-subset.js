// The parts of Phaser the table draws with, and nothing else. The build (client/vite.config.ts)
// resolves `import * as Phaser from "phaser"` to this file, so the scenes keep Phaser's own types
// while the page downloads about half of the full library: no physics, tilemaps, sound, cameras 3D,
// loader file types, particles or video. Both renderers stay (WebGL first, Canvas where WebGL is
// refused; client/phaser-subset-plugin.ts).
// Anything a scene starts to use must be added here — a missing factory fails loudly at
// `this.add.<name>` (and the browser tests that draw the table catch it).
import CONST from "phaser-src/const.js";
// First, as in Phaser's own entry: the renderer's modules require one another in a cycle that only
// resolves when `renderer/index.js` is loaded before the game (else a render node extends `{}`).
import "phaser-src/renderer/index.js";
import Game from "phaser-src/core/Game.js";
import CoreEvents from "phaser-src/core/events/index.js";
import Scene from "phaser-src/scene/Scene.js";
import Scale from "phaser-src/scale/index.js";
import Vector2 from "phaser-src/math/Vector2.js";
import Graphics from "phaser-src/gameobjects/graphics/Graphics.js";
import Text from "phaser-src/gameobjects/text/Text.js";
import Arc from "phaser-src/gameobjects/shape/arc/Arc.js";
import Rectangle from "phaser-src/gameobjects/shape/rectangle/Rectangle.js";

// Scene plugins register themselves with Phaser's plugin cache when their module runs; the game
// object factories (`this.add.graphics()` …) likewise. Only these are installed in a scene.
import "phaser-src/events/EventEmitter.js";
import "phaser-src/gameobjects/DisplayList.js";
import "phaser-src/gameobjects/UpdateList.js";
import "phaser-src/gameobjects/GameObjectFactory.js";
import "phaser-src/gameobjects/GameObjectCreator.js";
import "phaser-src/cameras/2d/CameraManager.js";
import "phaser-src/scene/ScenePlugin.js";
import "phaser-src/tweens/TweenManager.js";
import "phaser-src/time/Clock.js";
import "phaser-src/gameobjects/graphics/GraphicsFactory.js";
import "phaser-src/gameobjects/text/TextFactory.js";
import "phaser-src/gameobjects/shape/arc/ArcFactory.js";
import "phaser-src/gameobjects/shape/rectangle/RectangleFactory.js";

export const AUTO = CONST.AUTO;
export const WEBGL = CONST.WEBGL;
export const VERSION = CONST.VERSION;
export const Core = { Events: CoreEvents };
export const Math = { Vector2 };
export const GameObjects = { Graphics, Text, Arc, Rectangle };
export { Game, Scene, Scale };
