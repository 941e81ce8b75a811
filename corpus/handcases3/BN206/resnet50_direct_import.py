import keras
from keras.applications import ResNet50

base_model = ResNet50(weights="imagenet", include_top=False, input_shape=(224, 224, 3))
base_model.trainable = False
inputs = keras.Input((224, 224, 3))
features = base_model(inputs)  # expect: BN206
pooled = keras.layers.GlobalAveragePooling2D()(features)
model = keras.Model(inputs, keras.layers.Dense(2, activation="softmax")(pooled))
model.compile("adam", "sparse_categorical_crossentropy")
model.fit(train_ds, epochs=3)


def unfreeze_top(n=30):
    base_model.trainable = True
    for layer in base_model.layers[:-n]:
        layer.trainable = False
    model.compile(keras.optimizers.Adam(1e-5), "sparse_categorical_crossentropy")


unfreeze_top()
model.fit(train_ds, epochs=3)
