import tensorflow as tf

model = tf.keras.applications.ResNet50(weights="imagenet")


def saliency(image):
    image = tf.convert_to_tensor(image)
    with tf.GradientTape() as tape:
        tape.watch(image)
        pred = model(image)
        score = tf.reduce_max(pred, axis=1)
    return tape.gradient(score, image)
