import keras

base = keras.applications.EfficientNetV2B0(include_top=False, weights="imagenet", pooling="avg")
base.trainable = False
inputs = keras.Input((224, 224, 3))
outputs = keras.layers.Dense(7, activation="softmax")(base(inputs))  # expect: BN206
model = keras.Model(inputs, outputs)
model.compile("adam", "categorical_crossentropy")
model.fit(train, epochs=5)

base.trainable = True
for layer in base.layers[:-30]:
    layer.trainable = False
model.compile(keras.optimizers.Adam(1e-5), "categorical_crossentropy")
model.fit(train, epochs=5)
