from tensorflow import keras

base = keras.applications.EfficientNetB0(include_top=False, weights="imagenet", input_shape=(224, 224, 3))
base.trainable = False
inputs = keras.Input(shape=(224, 224, 3))
x = base(inputs)  # expect: BN206
x = keras.layers.GlobalAveragePooling2D()(x)
outputs = keras.layers.Dense(3, activation="softmax")(x)
model = keras.Model(inputs, outputs)
model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
model.fit(train_ds, epochs=5)

base.trainable = True
model.compile(keras.optimizers.Adam(1e-5), "sparse_categorical_crossentropy")
model.fit(train_ds, epochs=5)
