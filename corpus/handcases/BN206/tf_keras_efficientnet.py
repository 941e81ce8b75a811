import tensorflow as tf
from tensorflow.keras.applications import EfficientNetB0
from tensorflow.keras import layers

base = EfficientNetB0(include_top=False, weights="imagenet")
base.trainable = False
inp = layers.Input(shape=(224, 224, 3))
feat = base(inp)  # expect: BN206
out = layers.Dense(10, activation="softmax")(layers.GlobalAveragePooling2D()(feat))
model = tf.keras.Model(inp, out)
model.compile("adam", "sparse_categorical_crossentropy")
model.fit(ds, epochs=5)

for layer in base.layers[-20:]:
    layer.trainable = True
base.trainable = True
model.compile(tf.keras.optimizers.Adam(1e-5), "sparse_categorical_crossentropy")
model.fit(ds, epochs=5)
