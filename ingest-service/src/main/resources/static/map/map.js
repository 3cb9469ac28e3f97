/*
 * FleetStream live map (docs/map.md). The fleet is pushed by ingest-service as
 * server-sent events (snapshot, then deltas); only the firing alerts are polled, from
 * alert-service. Cars are drawn on one canvas, so tens of thousands stay smooth.
 * Everything that comes from devices or the CDC tables is put on the page as text
 * (textContent), never as HTML.
 */
(function () {
	'use strict';

	var DRAW_ORDER = ['silent', 'parked', 'driving', 'alerting'];
	var COLOURS = { driving: '#2e7d32', parked: '#1565c0', alerting: '#d32f2f', silent: '#8d8d8d' };
	var TILE = 256;
	var MAX_SAMPLES = 200;

	var config = null;
	var map = null;
	var carLayer = null;
	var trackLine = null;
	var selectedId = null;
	// car id -> { id, ts, lat, lng, speed, heading }
	var cars = new Map();
	// car id -> firing episodes of that car
	var alertingCars = new Map();
	var pendingSnapshot = null;
	var frameRequested = false;
	var unpaintedSince = null;
	var unpaintedCars = 0;
	var unpaintedApplyMs = 0;

	// what the browser test reads (performance.now() times, in ms)
	var stats = {
		events: 0,
		snapshots: 0,
		frames: [],
		applies: [],
		firstCarEpochMs: null,
		snapshotComplete: false,
		connectedEpochMs: null,
		alertsLoadedEpochMs: null
	};

	function byId(id) {
		return document.getElementById(id);
	}

	function text(element, value) {
		element.textContent = (value === null || value === undefined) ? '' : String(value);
		return element;
	}

	function el(tag, className, value) {
		var element = document.createElement(tag);
		if (className) {
			element.className = className;
		}
		if (value !== undefined) {
			text(element, value);
		}
		return element;
	}

	function apiBase(configured) {
		// empty: the page's own origin (the Helm ingress routes /api/v1/... by path)
		return configured ? configured.replace(/\/+$/, '') : '..';
	}

	function carUrl(id) {
		return apiBase(config.enrichmentUrl) + '/api/v1/cars/' + encodeURIComponent(id);
	}

	function trackUrl(id) {
		return '../api/v1/vehicles/' + encodeURIComponent(id) + '/track?limit=120';
	}

	function alertsUrl() {
		return apiBase(config.alertUrl) + '/api/v1/alerts?state=FIRING&limit=500';
	}

	function ackUrl(episodeId) {
		return apiBase(config.alertUrl) + '/api/v1/alerts/' + encodeURIComponent(episodeId) + '/ack';
	}

	function stateOf(car, now) {
		if (alertingCars.has(car.id)) {
			return 'alerting';
		}
		if (now - car.ts > config.silentAfterMs) {
			return 'silent';
		}
		if (car.speed !== null && car.speed >= config.drivingMinSpeedKmh) {
			return 'driving';
		}
		return 'parked';
	}

	function toCar(row) {
		return { id: row[0], ts: row[1], lat: row[2], lng: row[3], speed: row[4], heading: row[5] };
	}

	function sample(list, value) {
		list.push(value);
		if (list.length > MAX_SAMPLES) {
			list.shift();
		}
	}

	// ---- the cars' canvas -------------------------------------------------------------

	var CarLayer = L.Layer.extend({
		onAdd: function (leafletMap) {
			this._canvas = L.DomUtil.create('canvas', 'fleet-cars');
			// above the base layer's and the track's canvas (overlayPane, z-index 400)
			var pane = leafletMap.getPane('cars') || leafletMap.createPane('cars');
			pane.style.zIndex = 450;
			pane.style.pointerEvents = 'none';
			pane.appendChild(this._canvas);
			leafletMap.on('moveend zoomend resize viewreset', this.reset, this);
			this.reset();
		},
		onRemove: function (leafletMap) {
			L.DomUtil.remove(this._canvas);
			leafletMap.off('moveend zoomend resize viewreset', this.reset, this);
		},
		reset: function () {
			var size = this._map.getSize();
			var ratio = window.devicePixelRatio || 1;
			this._canvas.width = Math.round(size.x * ratio);
			this._canvas.height = Math.round(size.y * ratio);
			this._canvas.style.width = size.x + 'px';
			this._canvas.style.height = size.y + 'px';
			L.DomUtil.setPosition(this._canvas, this._map.containerPointToLayerPoint([0, 0]));
			this.draw();
		},
		// container pixel of a position: Web Mercator, as Leaflet's default CRS
		projector: function () {
			var leafletMap = this._map;
			var scale = TILE * Math.pow(2, leafletMap.getZoom());
			var origin = leafletMap.getPixelOrigin();
			var topLeft = leafletMap.containerPointToLayerPoint([0, 0]);
			var dx = origin.x + topLeft.x;
			var dy = origin.y + topLeft.y;
			return function (lat, lng) {
				var sin = Math.sin(lat * Math.PI / 180);
				var x = (lng + 180) / 360 * scale - dx;
				var y = (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * scale - dy;
				return [x, y];
			};
		},
		draw: function () {
			var started = performance.now();
			var canvas = this._canvas;
			var ratio = window.devicePixelRatio || 1;
			var context = canvas.getContext('2d');
			context.setTransform(ratio, 0, 0, ratio, 0, 0);
			context.clearRect(0, 0, canvas.width, canvas.height);
			var width = canvas.width / ratio;
			var height = canvas.height / ratio;
			var project = this.projector();
			var now = Date.now();
			var buckets = { driving: [], parked: [], alerting: [], silent: [] };
			var counts = { driving: 0, parked: 0, alerting: 0, silent: 0 };
			cars.forEach(function (car) {
				var state = stateOf(car, now);
				counts[state]++;
				var point = project(car.lat, car.lng);
				if (point[0] >= -8 && point[1] >= -8 && point[0] <= width + 8 && point[1] <= height + 8) {
					buckets[state].push(point[0], point[1]);
				}
			});
			var zoom = this._map.getZoom();
			var size = zoom >= 15 ? 8 : zoom >= 13 ? 6 : 4;
			DRAW_ORDER.forEach(function (state) {
				var points = buckets[state];
				context.fillStyle = COLOURS[state];
				context.beginPath();
				if (state === 'alerting') {
					for (var i = 0; i < points.length; i += 2) {
						context.moveTo(points[i] + size + 2, points[i + 1]);
						context.arc(points[i], points[i + 1], size + 2, 0, 2 * Math.PI);
					}
					context.fill();
					context.strokeStyle = '#ffffff';
					context.lineWidth = 1.5;
					context.stroke();
				}
				else {
					var half = size / 2;
					for (var k = 0; k < points.length; k += 2) {
						context.rect(points[k] - half, points[k + 1] - half, size, size);
					}
					context.fill();
				}
			});
			if (selectedId !== null && cars.has(selectedId)) {
				var selected = cars.get(selectedId);
				var at = project(selected.lat, selected.lng);
				context.beginPath();
				context.arc(at[0], at[1], size + 7, 0, 2 * Math.PI);
				context.strokeStyle = '#111827';
				context.lineWidth = 2.5;
				context.stroke();
			}
			showCounts(counts);
			return performance.now() - started;
		},
		// the car drawn nearest to a container point, within a few pixels
		nearest: function (x, y) {
			var project = this.projector();
			var best = null;
			var bestDistance = 12 * 12;
			cars.forEach(function (car) {
				var point = project(car.lat, car.lng);
				var distance = (point[0] - x) * (point[0] - x) + (point[1] - y) * (point[1] - y);
				if (distance <= bestDistance) {
					best = car.id;
					bestDistance = distance;
				}
			});
			return best;
		}
	});

	function showCounts(counts) {
		text(byId('count-driving'), counts.driving);
		text(byId('count-parked'), counts.parked);
		text(byId('count-alerting'), counts.alerting);
		text(byId('count-silent'), counts.silent);
		text(byId('count-total'), cars.size);
	}

	function requestDraw(receivedAt, carsInEvent, applyMs) {
		if (unpaintedSince === null) {
			unpaintedSince = receivedAt;
		}
		unpaintedCars += carsInEvent;
		unpaintedApplyMs += applyMs;
		if (frameRequested) {
			return;
		}
		frameRequested = true;
		window.requestAnimationFrame(function () {
			frameRequested = false;
			var drawMs = carLayer.draw();
			var finished = performance.now();
			if (stats.firstCarEpochMs === null && cars.size > 0) {
				stats.firstCarEpochMs = Date.now();
			}
			sample(stats.frames, {
				cars: unpaintedCars,
				fleet: cars.size,
				applyMs: unpaintedApplyMs,
				drawMs: drawMs,
				updateMs: finished - unpaintedSince,
				at: finished
			});
			unpaintedSince = null;
			unpaintedCars = 0;
			unpaintedApplyMs = 0;
			if (selectedId !== null && cars.has(selectedId)) {
				showPosition(cars.get(selectedId));
			}
		});
	}

	// ---- the stream -------------------------------------------------------------------

	function setConnection(state) {
		var element = byId('connection');
		element.setAttribute('data-state', state);
		text(element, state);
	}

	function onSnapshot(event) {
		var received = performance.now();
		var data = JSON.parse(event.data);
		if (data.chunk === 0) {
			pendingSnapshot = new Map();
		}
		if (pendingSnapshot === null) {
			return;
		}
		data.cars.forEach(function (row) {
			pendingSnapshot.set(row[0], toCar(row));
		});
		stats.events++;
		if (data.chunk === data.chunks - 1) {
			cars = pendingSnapshot;
			pendingSnapshot = null;
			stats.snapshots++;
			stats.snapshotComplete = true;
			requestDraw(received, cars.size, performance.now() - received);
		}
	}

	function onDelta(event) {
		var received = performance.now();
		var data = JSON.parse(event.data);
		data.cars.forEach(function (row) {
			cars.set(row[0], toCar(row));
		});
		data.gone.forEach(function (id) {
			cars.delete(id);
		});
		stats.events++;
		var applyMs = performance.now() - received;
		sample(stats.applies, { cars: data.cars.length, ms: applyMs });
		requestDraw(received, data.cars.length, applyMs);
	}

	function connect() {
		var source = new EventSource('../api/v1/live/positions');
		source.addEventListener('snapshot', onSnapshot);
		source.addEventListener('delta', onDelta);
		source.onopen = function () {
			stats.connectedEpochMs = Date.now();
			setConnection('live');
		};
		source.onerror = function () {
			pendingSnapshot = null;
			if (source.readyState === EventSource.CLOSED) {
				// refused (503) or failed: the browser does not retry by itself then
				setConnection('reconnecting');
				window.setTimeout(connect, 5000);
			}
			else {
				setConnection('reconnecting');
			}
		};
	}

	// ---- alerts -----------------------------------------------------------------------

	function fetchJson(url, options) {
		return fetch(url, Object.assign({ headers: { Accept: 'application/json' } }, options || {}))
			.then(function (response) {
				if (!response.ok) {
					var error = new Error('HTTP ' + response.status);
					error.status = response.status;
					throw error;
				}
				return response.json();
			});
	}

	function newestFirst(a, b) {
		return Date.parse(b.firedAt || b.startedAt) - Date.parse(a.firedAt || a.startedAt);
	}

	function loadAlerts() {
		fetchJson(alertsUrl()).then(function (body) {
			var firing = body.alerts.filter(function (alert) {
				return alert.state === 'FIRING';
			}).sort(newestFirst);
			alertingCars = new Map();
			firing.forEach(function (alert) {
				var list = alertingCars.get(alert.carId) || [];
				list.push(alert);
				alertingCars.set(alert.carId, list);
			});
			showAlerts(firing);
			text(byId('alert-message'), '');
			stats.alertsLoadedEpochMs = Date.now();
			requestDraw(performance.now(), 0, 0);
		}).catch(function (error) {
			text(byId('alert-message'), 'Alerts unavailable (' + error.message + '); retrying');
		}).finally(function () {
			window.setTimeout(loadAlerts, config.alertPollIntervalMs);
		});
	}

	function showAlerts(firing) {
		var list = byId('alert-list');
		list.replaceChildren();
		text(byId('alert-count'), firing.length);
		firing.forEach(function (alert) {
			var item = el('li', (alert.severity || '') + (alert.acknowledgement ? ' acknowledged' : ''));
			item.setAttribute('data-episode', alert.episodeId);
			item.setAttribute('data-car', alert.carId);
			var rule = el('div', 'rule', alert.ruleId);
			item.appendChild(rule);
			item.appendChild(el('div', 'description', alert.description));
			item.appendChild(el('div', 'meta', (alert.severity || '') + ' \u00b7 fired '
					+ new Date(alert.firedAt || alert.startedAt).toLocaleTimeString()));
			var actions = el('div', 'actions');
			var show = el('button', 'show-car', alert.carId);
			show.type = 'button';
			show.addEventListener('click', function () {
				select(alert.carId, true);
			});
			actions.appendChild(show);
			if (alert.acknowledgement) {
				actions.appendChild(el('span', 'ack', 'acknowledged by ' + alert.acknowledgement.by));
			}
			else {
				var ack = el('button', 'ack-button', 'Acknowledge');
				ack.type = 'button';
				ack.addEventListener('click', function () {
					acknowledge(alert.episodeId, ack);
				});
				actions.appendChild(ack);
			}
			item.appendChild(actions);
			list.appendChild(item);
		});
	}

	function acknowledge(episodeId, button) {
		button.disabled = true;
		fetchJson(ackUrl(episodeId), {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
			// "by" counts only where the API is served open; otherwise it is the token's subject
			body: JSON.stringify({ by: 'live map', comment: 'acknowledged on the live map' })
		}).then(function () {
			text(button, 'acknowledged');
		}).catch(function (error) {
			button.disabled = false;
			text(byId('alert-message'), 'Acknowledging failed (' + error.message + ')');
		});
	}

	// ---- one car ----------------------------------------------------------------------

	function fillList(list, entries) {
		list.replaceChildren();
		entries.forEach(function (entry) {
			list.appendChild(el('dt', null, entry[0]));
			list.appendChild(el('dd', null, entry[1]));
		});
	}

	function showPosition(car) {
		var state = stateOf(car, Date.now());
		var line = byId('details-state');
		line.setAttribute('data-state', state);
		text(line, state);
		fillList(byId('details-position'), [
			['position', car.lat.toFixed(5) + ', ' + car.lng.toFixed(5)],
			['speed', car.speed === null ? '-' : car.speed.toFixed(1) + ' km/h'],
			['heading', car.heading === null ? '-' : car.heading.toFixed(0) + '\u00b0'],
			['last fix', new Date(car.ts).toLocaleString()]
		]);
	}

	function signalValue(signal) {
		var value = signal && Object.prototype.hasOwnProperty.call(signal, 'value') ? signal.value : signal;
		return (typeof value === 'object' && value !== null) ? JSON.stringify(value) : String(value);
	}

	function select(id, centre) {
		var car = cars.get(id);
		if (!car) {
			text(byId('search-message'), 'No car ' + id + ' on the map');
			return false;
		}
		text(byId('search-message'), '');
		selectedId = id;
		byId('details').hidden = false;
		text(byId('details-title'), id);
		text(byId('details-message'), 'loading...');
		byId('details-reference').replaceChildren();
		byId('details-signals').replaceChildren();
		showPosition(car);
		if (centre) {
			map.setView([car.lat, car.lng], Math.max(map.getZoom(), 15));
		}
		requestDraw(performance.now(), 0, 0);
		fetchJson(carUrl(id)).then(function (details) {
			if (selectedId !== id) {
				return;
			}
			var reference = details.reference || {};
			fillList(byId('details-reference'), Object.keys(reference).sort().map(function (key) {
				return [key, reference[key]];
			}));
			var signals = (details.state && details.state.signals) || {};
			fillList(byId('details-signals'), Object.keys(signals).sort().map(function (key) {
				return [key, signalValue(signals[key])];
			}));
			var alerts = alertingCars.get(id) || [];
			text(byId('details-message'), alerts.length ? 'firing: ' + alerts.map(function (a) {
				return a.ruleId;
			}).join(', ') : '');
		}).catch(function (error) {
			if (selectedId === id) {
				text(byId('details-message'), error.status === 404 ? 'No snapshot or state for this car'
					: 'Details unavailable (' + error.message + ')');
			}
		});
		fetchJson(trackUrl(id)).then(function (track) {
			if (selectedId !== id) {
				return;
			}
			var points = track.points.map(function (point) {
				return [point.lat, point.lng];
			});
			if (trackLine) {
				trackLine.remove();
			}
			trackLine = L.polyline(points, { color: '#111827', weight: 3, opacity: 0.7 }).addTo(map);
		}).catch(function () {
			if (trackLine) {
				trackLine.remove();
				trackLine = null;
			}
		});
		return true;
	}

	function unselect() {
		selectedId = null;
		byId('details').hidden = true;
		if (trackLine) {
			trackLine.remove();
			trackLine = null;
		}
		requestDraw(performance.now(), 0, 0);
	}

	// ---- the base layer ---------------------------------------------------------------

	var BASE_STYLES = {
		river: { color: '#8ab4d8', weight: 0, fillColor: '#a9cbe8', fillOpacity: 1 },
		arterial: { color: '#b8bec6', weight: 2 },
		local: { color: '#d3d7dc', weight: 1 },
		bridge: { color: '#9aa3ad', weight: 3 },
		grid: { color: '#c4b5fd', weight: 1, opacity: 0.6, dashArray: '4 4' }
	};

	function addBaseLayer() {
		var renderer = L.canvas({ padding: 0.5 });
		fetch('seoul-base.geojson').then(function (response) {
			if (!response.ok) {
				throw new Error('HTTP ' + response.status);
			}
			return response.json();
		}).then(function (geojson) {
			L.geoJSON(geojson, {
				renderer: renderer,
				interactive: false,
				// over map tiles only the coordinate grid is drawn
				filter: function (feature) {
					return !config.tileUrl || feature.properties.kind === 'grid';
				},
				style: function (feature) {
					return Object.assign({ renderer: renderer }, BASE_STYLES[feature.properties.kind] || {});
				}
			}).addTo(map).bringToBack();
		}).catch(function () {
			text(byId('search-message'), 'Base layer unavailable');
		});
		if (config.tileUrl) {
			L.tileLayer(config.tileUrl, {
				maxZoom: 19,
				// Leaflet puts attributions in as HTML: escape the configured text
				attribution: escapeHtml(config.tileAttribution || '')
			}).addTo(map);
		}
	}

	function escapeHtml(value) {
		var holder = document.createElement('span');
		holder.textContent = value;
		return holder.innerHTML;
	}

	// ---- start ------------------------------------------------------------------------

	function start(loaded) {
		config = loaded;
		map = L.map('map', { zoomAnimation: false, preferCanvas: true, minZoom: 9, maxZoom: 18 })
			.setView([37.5665, 126.978], 11);
		map.attributionControl.setPrefix(false);
		addBaseLayer();
		carLayer = new CarLayer();
		carLayer.addTo(map);
		map.on('click', function (event) {
			var id = carLayer.nearest(event.containerPoint.x, event.containerPoint.y);
			if (id !== null) {
				select(id, false);
			}
		});
		byId('details-close').addEventListener('click', unselect);
		byId('search').addEventListener('submit', function (event) {
			event.preventDefault();
			var id = byId('search-input').value.trim();
			if (id) {
				select(id, true);
			}
		});
		// silent cars turn grey as time passes without any event
		window.setInterval(function () {
			requestDraw(performance.now(), 0, 0);
		}, 10000);
		connect();
		loadAlerts();
	}

	window.fleetMap = {
		stats: stats,
		carCount: function () {
			return cars.size;
		},
		car: function (id) {
			var car = cars.get(id);
			return car ? { id: car.id, ts: car.ts, lat: car.lat, lng: car.lng, state: stateOf(car, Date.now()) } : null;
		},
		// the car's position in the map element's pixels, for the browser test's clicks
		pixelOf: function (id) {
			var car = cars.get(id);
			if (!car) {
				return null;
			}
			var point = map.latLngToContainerPoint([car.lat, car.lng]);
			return { x: point.x, y: point.y };
		},
		centreOn: function (id, zoom) {
			var car = cars.get(id);
			if (car) {
				map.setView([car.lat, car.lng], zoom);
			}
			return !!car;
		},
		// the simulated city at its opening view
		showCity: function () {
			map.setView([37.5665, 126.978], 11);
		},
		select: select
	};

	fetchJson('config.json').then(start).catch(function (error) {
		text(byId('connection'), 'configuration unavailable (' + error.message + ')');
	});
}());
